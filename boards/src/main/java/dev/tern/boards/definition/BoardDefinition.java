package dev.tern.boards.definition;

import dev.tern.boards.flash.EraseTime;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * One board, as {@code boards/<id>/board.properties} describes it: MCU, RAM, flash devices and
 * their erase units, console, ROM bootloader, the flash regions Tern uses and the MQTT engine's
 * sizing. Immutable; built and checked by {@link BoardLoader}.
 *
 * <pre>
 *  flash (and bootFlash where the bootloader lives apart, dataFlash where config and session do):
 *  | bootloader | config | credentials | session (erase units of one size) | app slot ... |
 *    regions may come in any order; each lies inside one device and overlaps no other
 * </pre>
 *
 * <p>Each device carries its part's datasheet figures ({@link FlashDevice#timing()},
 * {@link FlashDevice#endurance()}); the session accessors below give those of the device
 * that holds the session pages.
 */
public final class BoardDefinition {

    private final String id;
    private final String name;
    private final Mcu mcu;
    private final long ramSize;
    private final long engineRamBudget;
    private final FlashDevice flash;
    private final FlashDevice bootFlash;
    private final FlashDevice dataFlash;
    private final SerialLine console;
    private final Bootloader bootloader;
    private final Region bootloaderRegion;
    private final Region appSlot;
    private final Region configPage;
    private final Region sessionPages;
    private final Region credentialsRegion;
    private final EngineSizing engine;

    BoardDefinition(String id, String name, Mcu mcu, long ramSize, long engineRamBudget, FlashDevice flash,
                    FlashDevice bootFlash, FlashDevice dataFlash, SerialLine console, Bootloader bootloader, Region bootloaderRegion,
                    Region appSlot, Region configPage, Region sessionPages, Region credentialsRegion, EngineSizing engine) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.mcu = Objects.requireNonNull(mcu);
        this.ramSize = ramSize;
        this.engineRamBudget = engineRamBudget;
        this.flash = Objects.requireNonNull(flash);
        this.bootFlash = bootFlash;
        this.dataFlash = dataFlash;
        this.console = Objects.requireNonNull(console);
        this.bootloader = Objects.requireNonNull(bootloader);
        this.bootloaderRegion = Objects.requireNonNull(bootloaderRegion);
        this.appSlot = Objects.requireNonNull(appSlot);
        this.configPage = Objects.requireNonNull(configPage);
        this.sessionPages = Objects.requireNonNull(sessionPages);
        this.credentialsRegion = Objects.requireNonNull(credentialsRegion);
        this.engine = Objects.requireNonNull(engine);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Mcu mcu() {
        return mcu;
    }

    /** On-chip RAM in bytes. */
    public long ramSize() {
        return ramSize;
    }

    /** RAM the engine's static buffers may take. */
    public long engineRamBudget() {
        return engineRamBudget;
    }

    /** The flash holding the application slot, config page and session pages. */
    public FlashDevice flash() {
        return flash;
    }

    /** The flash holding only the bootloader, on boards whose application is in external flash. */
    public Optional<FlashDevice> bootFlash() {
        return Optional.ofNullable(bootFlash);
    }

    /** The flash holding the config and session pages, on boards that keep them apart from the application. */
    public Optional<FlashDevice> dataFlash() {
        return Optional.ofNullable(dataFlash);
    }

    /** Every flash device: flash first, then bootFlash and dataFlash where the board has them. */
    public List<FlashDevice> flashDevices() {
        List<FlashDevice> devices = new ArrayList<>();
        devices.add(flash);
        if (bootFlash != null) {
            devices.add(bootFlash);
        }
        if (dataFlash != null) {
            devices.add(dataFlash);
        }
        return List.copyOf(devices);
    }

    /** The device a region lies in, or empty when it lies in none. */
    public Optional<FlashDevice> deviceOf(Region region) {
        for (FlashDevice device : flashDevices()) {
            if (device.contains(region)) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }

    public SerialLine console() {
        return console;
    }

    public Bootloader bootloader() {
        return bootloader;
    }

    public Region bootloaderRegion() {
        return bootloaderRegion;
    }

    public Region appSlot() {
        return appSlot;
    }

    public Region configPage() {
        return configPage;
    }

    public Region sessionPages() {
        return sessionPages;
    }

    /** The TLS credentials (CA certificates, device chain and key, broker pin), apart from the config page. */
    public Region credentialsRegion() {
        return credentialsRegion;
    }

    /** The five regions: bootloader, app, config, session, credentials. */
    public List<Region> regions() {
        return List.of(bootloaderRegion, appSlot, configPage, sessionPages, credentialsRegion);
    }

    public EngineSizing engine() {
        return engine;
    }

    /** The device holding the session pages ({@code flash} or {@code dataFlash}; the loader checks it is one). */
    public FlashDevice sessionDevice() {
        return deviceOf(sessionPages).orElseThrow();
    }

    /** Erase-unit size of the session pages (the loader checks they are all one size). */
    public int sessionPageSize() {
        FlashGeometry geometry = sessionDevice().geometry();
        return geometry.pageSize(geometry.pageAt(sessionPages.address()));
    }

    /** How many erase units the session pages are. */
    public int sessionEraseUnits() {
        return (int) (sessionPages.size() / sessionPageSize());
    }

    /** Erase cycles each session erase unit can take (its device's datasheet endurance). */
    public int sessionEndurance() {
        return sessionDevice().endurance();
    }

    /** Program and erase times of the session's device. */
    public FlashTiming sessionTiming() {
        return sessionDevice().timing();
    }

    /** Time to erase one session erase unit, typical and maximum. */
    public EraseTime sessionEraseTime() {
        return sessionTiming().eraseTime(sessionPageSize());
    }

    /** The engine's static RAM on this board ({@link EngineSizing#ramBytes}). */
    public long engineRamBytes() {
        return engine.ramBytes();
    }

    /** This definition as board.properties keys; loading them gives an equal definition. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty(BoardKeys.ID, id);
        p.setProperty(BoardKeys.NAME, name);
        p.setProperty(BoardKeys.MCU_PART, mcu.part());
        p.setProperty(BoardKeys.CHIP_ID_SOURCE, mcu.chipIdSource().key());
        if (mcu.hasChipId()) {
            p.setProperty(BoardKeys.CHIP_ID, Values.hex(mcu.chipId()));
        }
        p.setProperty(BoardKeys.RAM_SIZE, Values.sizeText(ramSize));
        p.setProperty(BoardKeys.ENGINE_RAM_BUDGET, Values.sizeText(engineRamBudget));
        putFlash(p, BoardKeys.FLASH, flash);
        if (bootFlash != null) {
            putFlash(p, BoardKeys.BOOT_FLASH, bootFlash);
        }
        if (dataFlash != null) {
            putFlash(p, BoardKeys.DATA_FLASH, dataFlash);
        }
        putLine(p, BoardKeys.CONSOLE, console);
        p.setProperty(BoardKeys.PROTOCOL, bootloader.protocol().key());
        putLine(p, BoardKeys.BOOTLOADER, bootloader.line());
        StringJoiner entry = new StringJoiner(", ");
        for (EntryMethod method : bootloader.entry()) {
            entry.add(method.key());
        }
        p.setProperty(BoardKeys.ENTRY, entry.toString());
        p.setProperty(BoardKeys.ENTRY_STEPS, bootloader.entrySteps());
        p.setProperty(BoardKeys.ERASE, bootloader.erase().key());
        p.setProperty(BoardKeys.REGION_BOOTLOADER, Values.regionText(bootloaderRegion));
        p.setProperty(BoardKeys.REGION_APP, Values.regionText(appSlot));
        p.setProperty(BoardKeys.REGION_CONFIG, Values.regionText(configPage));
        p.setProperty(BoardKeys.REGION_SESSION, Values.regionText(sessionPages));
        p.setProperty(BoardKeys.REGION_CREDENTIALS, Values.regionText(credentialsRegion));
        p.setProperty(BoardKeys.OUTGOING_SLOTS, Integer.toString(engine.outgoingSlots()));
        p.setProperty(BoardKeys.INCOMING_QOS2_SLOTS, Integer.toString(engine.incomingQos2Slots()));
        p.setProperty(BoardKeys.MAX_PACKET_SIZE, Integer.toString(engine.maxPacketSize()));
        p.setProperty(BoardKeys.OUTGOING_POOL_BYTES, Integer.toString(engine.outgoingPoolBytes()));
        p.setProperty(BoardKeys.OFFLINE_QUEUE_BYTES, Integer.toString(engine.offlineQueueBytes()));
        return p;
    }

    private static void putFlash(Properties p, String prefix, FlashDevice device) {
        p.setProperty(prefix + BoardKeys.BASE, Values.hex(device.base()));
        p.setProperty(prefix + BoardKeys.SECTORS, Values.sectorsText(device.sectorSizes()));
        p.setProperty(prefix + BoardKeys.SIZE, Values.sizeText(device.size()));
        p.setProperty(prefix + BoardKeys.KIND, device.kind());
        p.setProperty(prefix + BoardKeys.WRITER, device.writer().key());
        FlashTiming timing = device.timing();
        p.setProperty(prefix + BoardKeys.PROGRAM_UNIT, Integer.toString(timing.programUnit()));
        p.setProperty(prefix + BoardKeys.PROGRAM_TIME, Values.nanosText(timing.programTypicalNanos()) + ".."
                + Values.nanosText(timing.programMaxNanos()));
        p.setProperty(prefix + BoardKeys.ERASE_TIME, Values.eraseTimesText(timing.eraseTimes()));
        p.setProperty(prefix + BoardKeys.ENDURANCE, Integer.toString(device.endurance()));
    }

    private static void putLine(Properties p, String prefix, SerialLine line) {
        p.setProperty(prefix + BoardKeys.DEVICE, line.device());
        p.setProperty(prefix + BoardKeys.BAUD, Integer.toString(line.baud()));
        p.setProperty(prefix + BoardKeys.DATA_BITS, Integer.toString(line.dataBits()));
        p.setProperty(prefix + BoardKeys.PARITY, line.parity().key());
        p.setProperty(prefix + BoardKeys.STOP_BITS, Integer.toString(line.stopBits()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoardDefinition && toProperties().equals(((BoardDefinition) other).toProperties());
    }

    @Override
    public int hashCode() {
        return toProperties().hashCode();
    }

    @Override
    public String toString() {
        return "BoardDefinition[" + id + ", " + mcu.part() + "]";
    }
}
