package dev.tern.boards.definition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key board.properties may hold, in the order a definition is written, with what it means.
 * Keys under {@code bootFlash.} and under {@code dataFlash.} are optional, each group as a whole;
 * every other key is required.
 */
public final class BoardKeys {

    public static final String ID = "board.id";
    public static final String NAME = "board.name";
    public static final String MCU_PART = "mcu.part";
    public static final String CHIP_ID_SOURCE = "mcu.chipIdSource";
    public static final String CHIP_ID = "mcu.chipId";
    public static final String RAM_SIZE = "ram.size";
    public static final String ENGINE_RAM_BUDGET = "engine.ramBudget";
    public static final String FLASH = "flash";
    public static final String BOOT_FLASH = "bootFlash";
    public static final String DATA_FLASH = "dataFlash";
    public static final String CONSOLE = "console";
    public static final String BOOTLOADER = "bootloader";
    public static final String PROTOCOL = "bootloader.protocol";
    public static final String ENTRY = "bootloader.entry";
    public static final String ENTRY_STEPS = "bootloader.entrySteps";
    public static final String ERASE = "bootloader.eraseCommand";
    public static final String REGION_BOOTLOADER = "region.bootloader";
    public static final String REGION_APP = "region.app";
    public static final String REGION_CONFIG = "region.config";
    public static final String REGION_SESSION = "region.session";
    public static final String REGION_CREDENTIALS = "region.credentials";
    public static final String OUTGOING_SLOTS = "engine.outgoingSlots";
    public static final String INCOMING_QOS2_SLOTS = "engine.incomingQos2Slots";
    public static final String MAX_PACKET_SIZE = "engine.maxPacketSize";
    public static final String OUTGOING_POOL_BYTES = "engine.outgoingPoolBytes";
    public static final String OFFLINE_QUEUE_BYTES = "engine.offlineQueueBytes";

    /** Suffixes of a flash device's keys ({@code flash.base}, {@code bootFlash.base}, ...). */
    public static final String BASE = ".base";
    public static final String SECTORS = ".sectors";
    public static final String SIZE = ".size";
    public static final String KIND = ".kind";
    public static final String WRITER = ".writer";
    public static final String PROGRAM_UNIT = ".programUnit";
    public static final String PROGRAM_TIME = ".programTime";
    public static final String ERASE_TIME = ".eraseTime";
    public static final String ENDURANCE = ".endurance";
    /** Suffixes of a serial line's keys ({@code console.baud}, {@code bootloader.baud}, ...). */
    public static final String DEVICE = ".device";
    public static final String BAUD = ".baud";
    public static final String DATA_BITS = ".dataBits";
    public static final String PARITY = ".parity";
    public static final String STOP_BITS = ".stopBits";

    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        put(ID, "the board's id: lower-case letters, digits and '-'; the same as its folder name");
        put(NAME, "the board's name as its vendor sells it");
        put(MCU_PART, "the MCU's full part number");
        put(CHIP_ID_SOURCE, "what the ROM loader reports to identify the chip: an3155-get-id, esp-chip-detect-magic or none");
        put(CHIP_ID, "the value it reports (AN3155 GET_ID product id, e.g. 0x449); absent when the source is none");
        put(RAM_SIZE, "on-chip RAM for the program, in bytes (external SDRAM/PSRAM not counted)");
        put(ENGINE_RAM_BUDGET, "RAM the MQTT engine may take for its static buffers; at most ram.size");
        flash(FLASH, "the flash that holds the application slot, config page and session pages");
        flash(BOOT_FLASH, "optional: a second flash holding only the bootloader (internal flash of a part whose application is in external flash)");
        flash(DATA_FLASH, "optional: a second flash for the config page and session pages (a NOR chip beside the MCU"
                + " whose endurance carries the session journal where the application's flash cannot)");
        line(CONSOLE, "the console the firmware logs on");
        put(PROTOCOL, "the ROM bootloader's protocol: an3155, esp-rom-serial or nxp-sdp");
        line(BOOTLOADER, "the serial line the ROM bootloader listens on");
        put(ENTRY, "ways to start the ROM bootloader, comma separated: boot-pin-reset, dtr-rts-auto-reset, boot-mode-switch,"
                + " console-command, sync-after-reset");
        put(ENTRY_STEPS, "how to start it on this board, in words");
        put(ERASE, "the ROM bootloader's erase: 0x43 (ERASE) or 0x44 (EXTENDED_ERASE) for an3155, flash-begin for esp-rom-serial, none for nxp-sdp");
        put(REGION_BOOTLOADER, "ADDRESS, SIZE of the Tern secure-boot stage");
        put(REGION_APP, "ADDRESS, SIZE of the application slot (signed image); whole erase units");
        put(REGION_CONFIG, "ADDRESS, SIZE of the config page (key=value text with a CRC); whole erase units, in flash or dataFlash");
        put(REGION_SESSION, "ADDRESS, SIZE of the session storage: whole erase units of one size, at least two, in flash or dataFlash;"
                + " one unit spare beyond the largest session image");
        put(REGION_CREDENTIALS, "ADDRESS, SIZE of the TLS credentials (CA certificates, device chain and key, broker pin; format"
                + " with a CRC); whole erase units, in any flash, where the board's read-out protection covers it");
        put(OUTGOING_SLOTS, "MqttConfig.outgoingSlots: QoS 1/2 PUBLISH, SUBSCRIBE, UNSUBSCRIBE awaiting acknowledgement at once");
        put(INCOMING_QOS2_SLOTS, "MqttConfig.incomingQos2Slots: incoming QoS 2 ids awaiting PUBREL at once");
        put(MAX_PACKET_SIZE, "MqttConfig.maxPacketSize: largest packet sent or received, in bytes");
        put(OUTGOING_POOL_BYTES, "MqttConfig.outgoingPoolBytes: bytes shared by the packets awaiting acknowledgement; at least maxPacketSize");
        put(OFFLINE_QUEUE_BYTES, "MqttConfig.offlineQueueBytes: bytes for messages published while offline");
    }

    private BoardKeys() {
    }

    private static void put(String key, String meaning) {
        KEYS.put(key, meaning);
    }

    private static void flash(String prefix, String what) {
        put(prefix + BASE, what + ": its first address");
        put(prefix + SECTORS, "its erase units in address order, COUNTxSIZE groups (4x32K, 1x128K, 3x256K)");
        put(prefix + SIZE, "its size; must equal the sum of the sectors (a check against the vendor's figure)");
        put(prefix + KIND, "internal (on the MCU) or external (a SPI/QSPI/FlexSPI NOR chip)");
        put(prefix + WRITER, "who programs it: rom-bootloader, or ram-loader (a stub the ROM loads into RAM)");
        put(prefix + PROGRAM_UNIT, "bytes the datasheet's program time covers (a word at the part's parallelism, or a page), e.g. 4 or 256");
        put(prefix + PROGRAM_TIME, "TYPICAL..MAX time to program one program unit, from the datasheet (16us..100us)");
        put(prefix + ERASE_TIME, "SIZE TYPICAL..MAX per erase-unit size, comma separated (32K 250ms..500ms, 256K 1s..2s); one per size in sectors");
        put(prefix + ENDURANCE, "erase cycles per erase unit the datasheet guarantees (10000, 100000)");
    }

    private static void line(String prefix, String what) {
        put(prefix + DEVICE, what + ": the UART and where it reaches the host");
        put(prefix + BAUD, "bits per second");
        put(prefix + DATA_BITS, "5 to 8");
        put(prefix + PARITY, "none, even or odd");
        put(prefix + STOP_BITS, "1 or 2");
    }

    /** Every key with its meaning, in the order a definition is written. */
    public static Map<String, String> all() {
        return Collections.unmodifiableMap(KEYS);
    }

    static boolean isKnown(String key) {
        return KEYS.containsKey(key);
    }

    static boolean isOptional(String key) {
        return key.startsWith(BOOT_FLASH + ".") || key.startsWith(DATA_FLASH + ".");
    }

    /** The keys of an optional flash device's group ({@code bootFlash}, {@code dataFlash}). */
    static List<String> groupKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String key : KEYS.keySet()) {
            if (key.startsWith(prefix + ".")) {
                keys.add(key);
            }
        }
        return keys;
    }
}
