package dev.tern.boards.definition;

import dev.tern.boards.flash.EraseTime;
import dev.tern.boards.flash.FlashTiming;
import dev.tern.mqtt.client.MqttConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and checks board definitions: the bundled ones from the classpath
 * ({@code boards/<id>/board.properties}, listed in {@code boards/boards.list}), or a user's from a
 * folder. Every problem is a {@link BoardDefinitionException} naming the file and the key.
 */
public final class BoardLoader {

    public static final String FILE_NAME = "board.properties";
    public static final String RESOURCE_ROOT = "boards/";
    public static final String INDEX = RESOURCE_ROOT + "boards.list";
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String[] ENGINE_FIELDS = {"outgoingSlots", "incomingQos2Slots", "maxPacketSize", "outgoingPoolBytes",
        "offlineQueueBytes"};

    private final ClassLoader classLoader;

    public BoardLoader() {
        this(BoardLoader.class.getClassLoader());
    }

    public BoardLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The ids of the bundled boards, in the order of the index. */
    public List<String> list() {
        InputStream in = classLoader.getResourceAsStream(INDEX);
        if (in == null) {
            throw new IllegalStateException(INDEX + " is not on the classpath: the tern-boards jar is incomplete");
        }
        List<String> ids = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String id = line.trim();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(INDEX, e);
        }
        return List.copyOf(ids);
    }

    /** A bundled board by id. */
    public BoardDefinition load(String id) {
        String file = RESOURCE_ROOT + id + "/" + FILE_NAME;
        checkId(file, null, id);
        InputStream in = classLoader.getResourceAsStream(file);
        if (in == null) {
            throw new BoardDefinitionException(file, null, "no bundled board '" + id + "'; bundled: "
                    + String.join(", ", list()));
        }
        try (InputStream stream = in) {
            return parse(DefinitionSource.read(file, stream), id);
        } catch (IOException e) {
            throw new BoardDefinitionException(file, null, "cannot be read: " + e);
        }
    }

    /** A board from {@code dir/board.properties}; the folder's name must be the board's id. */
    public BoardDefinition load(Path dir) {
        Path path = dir.resolve(FILE_NAME);
        String file = path.toString();
        try (InputStream stream = Files.newInputStream(path)) {
            Path folder = dir.toAbsolutePath().normalize().getFileName();
            return parse(DefinitionSource.read(file, stream), folder == null ? "" : folder.toString());
        } catch (NoSuchFileException e) {
            throw new BoardDefinitionException(file, null, "no such file");
        } catch (IOException e) {
            throw new BoardDefinitionException(file, null, "cannot be read: " + e);
        }
    }

    /** A board from properties already in memory ({@code file} names them in errors). */
    public static BoardDefinition fromProperties(String file, Properties properties) {
        return parse(DefinitionSource.of(file, properties), null);
    }

    private static void checkId(String file, String key, String id) {
        if (!ID.matcher(id).matches()) {
            throw new BoardDefinitionException(file, key, "board id '" + id
                    + "' must be lower-case letters, digits and single '-' between them ([a-z0-9-])");
        }
    }

    /** @param folderId the id the file's location implies, or null when it has none */
    private static BoardDefinition parse(DefinitionSource in, String folderId) {
        List<String> unknown = in.unknownKeys();
        if (!unknown.isEmpty()) {
            throw in.fail(unknown.get(0), "unknown key (known keys: see boards/README.md)");
        }
        String id = in.text(BoardKeys.ID);
        checkId(in.file(), BoardKeys.ID, id);
        if (folderId != null && !folderId.equals(id)) {
            throw in.fail(BoardKeys.ID, "'" + id + "' is not the name of its folder '" + folderId + "'");
        }
        String name = in.text(BoardKeys.NAME);
        Mcu mcu = mcu(in);
        long ramSize = in.number(BoardKeys.RAM_SIZE);
        long ramBudget = in.number(BoardKeys.ENGINE_RAM_BUDGET);
        if (ramBudget > ramSize) {
            throw in.fail(BoardKeys.ENGINE_RAM_BUDGET, ramBudget + " bytes is more than ram.size (" + ramSize + ")");
        }
        FlashDevice flash = flash(in, BoardKeys.FLASH);
        FlashDevice bootFlash = optionalFlash(in, BoardKeys.BOOT_FLASH);
        FlashDevice dataFlash = optionalFlash(in, BoardKeys.DATA_FLASH);
        SerialLine console = line(in, BoardKeys.CONSOLE);
        Bootloader bootloader = bootloader(in);
        EngineSizing engine = engine(in);
        Region boot = in.region(BoardKeys.REGION_BOOTLOADER, "bootloader");
        Region app = in.region(BoardKeys.REGION_APP, "app");
        Region config = in.region(BoardKeys.REGION_CONFIG, "config");
        Region session = in.region(BoardKeys.REGION_SESSION, "session");
        Region credentials = in.region(BoardKeys.REGION_CREDENTIALS, "credentials");
        BoardDefinition board = new BoardDefinition(id, name, mcu, ramSize, ramBudget, flash, bootFlash, dataFlash, console,
                bootloader, boot, app, config, session, credentials, engine);
        RegionRules.check(in, board);
        long engineRam = board.engineRamBytes();
        if (engineRam > ramBudget) {
            throw in.fail(BoardKeys.ENGINE_RAM_BUDGET, "the engine sizing needs " + engineRam
                    + " bytes of static RAM (39*outgoingSlots + outgoingPoolBytes + 4*incomingQos2Slots"
                    + " + 3*maxPacketSize + offlineQueueBytes + 2560, session journal included) but the budget is " + ramBudget);
        }
        return board;
    }

    private static Mcu mcu(DefinitionSource in) {
        String part = in.text(BoardKeys.MCU_PART);
        ChipIdSource source = in.choice(BoardKeys.CHIP_ID_SOURCE, ChipIdSource.class);
        if (source == ChipIdSource.NONE) {
            if (in.has(BoardKeys.CHIP_ID)) {
                throw in.fail(BoardKeys.CHIP_ID, "must be absent when mcu.chipIdSource is none");
            }
            return new Mcu(part, source, -1);
        }
        return new Mcu(part, source, in.number(BoardKeys.CHIP_ID));
    }

    private static FlashDevice flash(DefinitionSource in, String prefix) {
        long base = in.number(prefix + BoardKeys.BASE);
        List<Integer> sectors = in.sectors(prefix + BoardKeys.SECTORS);
        long size = in.number(prefix + BoardKeys.SIZE);
        String kind = in.text(prefix + BoardKeys.KIND);
        if (!"internal".equals(kind) && !"external".equals(kind)) {
            throw in.fail(prefix + BoardKeys.KIND, "'" + kind + "' is not one of internal, external");
        }
        FlashWriter writer = in.choice(prefix + BoardKeys.WRITER, FlashWriter.class);
        FlashTiming timing = timing(in, prefix, sectors);
        int endurance = in.intInRange(prefix + BoardKeys.ENDURANCE, 1, Integer.MAX_VALUE);
        FlashDevice device = new FlashDevice(prefix, kind, writer, base, sectors, timing, endurance);
        if (device.size() != size) {
            throw in.fail(prefix + BoardKeys.SIZE, size + " bytes is not the sum of " + prefix + BoardKeys.SECTORS
                    + " (" + device.size() + " bytes in " + sectors.size() + " sectors)");
        }
        if (device.end() > 0x1_0000_0000L) {
            throw in.fail(prefix + BoardKeys.SIZE, "the flash ends past the 32-bit address space");
        }
        return device;
    }

    private static FlashTiming timing(DefinitionSource in, String prefix, List<Integer> sectors) {
        int unit = in.intInRange(prefix + BoardKeys.PROGRAM_UNIT, 1, Integer.MAX_VALUE);
        long[] program = in.nanosRange(prefix + BoardKeys.PROGRAM_TIME);
        List<EraseTime> erase = in.eraseTimes(prefix + BoardKeys.ERASE_TIME);
        FlashTiming timing;
        try {
            timing = new FlashTiming(unit, program[0], program[1], erase);
        } catch (IllegalArgumentException e) {
            throw in.fail(prefix + BoardKeys.ERASE_TIME, e.getMessage());
        }
        for (int size : sectors) {
            if (timing.eraseTime(size) == null) {
                throw in.fail(prefix + BoardKeys.ERASE_TIME, "no erase time for the " + Values.sizeText(size) + " units of "
                        + prefix + BoardKeys.SECTORS);
            }
        }
        for (EraseTime time : erase) {
            if (!sectors.contains(time.unitSize())) {
                throw in.fail(prefix + BoardKeys.ERASE_TIME, "an erase time for " + Values.sizeText(time.unitSize())
                        + " units, but " + prefix + BoardKeys.SECTORS + " has none of that size");
            }
        }
        return timing;
    }

    /** An optional flash device: all of its keys or none. */
    private static FlashDevice optionalFlash(DefinitionSource in, String prefix) {
        List<String> keys = BoardKeys.groupKeys(prefix);
        int given = 0;
        for (String key : keys) {
            given += in.has(key) ? 1 : 0;
        }
        if (given == 0) {
            return null;
        }
        for (String key : keys) {
            if (!in.has(key)) {
                throw in.fail(key, "missing: the " + prefix + " keys come all together or not at all");
            }
        }
        return flash(in, prefix);
    }

    private static SerialLine line(DefinitionSource in, String prefix) {
        String device = in.text(prefix + BoardKeys.DEVICE);
        int baud = in.intInRange(prefix + BoardKeys.BAUD, 50, 20_000_000);
        int dataBits = in.intInRange(prefix + BoardKeys.DATA_BITS, 5, 8);
        Parity parity = in.choice(prefix + BoardKeys.PARITY, Parity.class);
        int stopBits = in.intInRange(prefix + BoardKeys.STOP_BITS, 1, 2);
        return new SerialLine(device, baud, dataBits, parity, stopBits);
    }

    private static Bootloader bootloader(DefinitionSource in) {
        FlashProtocol protocol = in.choice(BoardKeys.PROTOCOL, FlashProtocol.class);
        SerialLine line = line(in, BoardKeys.BOOTLOADER);
        Set<EntryMethod> seen = EnumSet.noneOf(EntryMethod.class);
        List<EntryMethod> entry = new ArrayList<>();
        for (String word : in.text(BoardKeys.ENTRY).split(",")) {
            EntryMethod method = in.choiceOf(BoardKeys.ENTRY, word.trim(), EntryMethod.class);
            if (!seen.add(method)) {
                throw in.fail(BoardKeys.ENTRY, "'" + method.key() + "' is given twice");
            }
            entry.add(method);
        }
        String steps = in.text(BoardKeys.ENTRY_STEPS);
        EraseCommand erase = in.choice(BoardKeys.ERASE, EraseCommand.class);
        if (!erase.belongsTo(protocol)) {
            throw in.fail(BoardKeys.ERASE, "'" + erase.key() + "' is not an erase of protocol " + protocol.key()
                    + " (an3155: 0x43 or 0x44; esp-rom-serial: flash-begin; nxp-sdp: none)");
        }
        return new Bootloader(protocol, line, entry, steps, erase);
    }

    private static EngineSizing engine(DefinitionSource in) {
        EngineSizing engine = new EngineSizing(
                in.intInRange(BoardKeys.OUTGOING_SLOTS, 0, Integer.MAX_VALUE),
                in.intInRange(BoardKeys.INCOMING_QOS2_SLOTS, 0, Integer.MAX_VALUE),
                in.intInRange(BoardKeys.MAX_PACKET_SIZE, 0, Integer.MAX_VALUE),
                in.intInRange(BoardKeys.OUTGOING_POOL_BYTES, 0, Integer.MAX_VALUE),
                in.intInRange(BoardKeys.OFFLINE_QUEUE_BYTES, 0, Integer.MAX_VALUE));
        try {
            // the engine's own rule for its configuration, so the two never disagree; the client id
            // is the board's business at run time, any non-empty one does here
            MqttConfig config = engine.toConfig();
            config.clientId = new byte[] {'t'};
            config.validate();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (String field : ENGINE_FIELDS) {
                if (message.startsWith(field + ":")) {
                    throw in.fail("engine." + field, "must be " + message.substring(field.length() + 1).trim()
                            + " (MqttConfig)");
                }
            }
            throw in.fail(BoardKeys.OUTGOING_SLOTS, message);
        }
        return engine;
    }
}
