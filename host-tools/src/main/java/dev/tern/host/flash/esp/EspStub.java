package dev.tern.host.flash.esp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cli.TernException;

/**
 * esptool's flasher stub for the ESP32, as esptool ships it (a JSON file: {@code entry}, {@code text}
 * and {@code text_start}, {@code data} and {@code data_start}, base64 segments), read from the
 * esptool on the user's machine: Tern carries no copy. The segments go to the chip's RAM with
 * MEM_BEGIN/MEM_DATA and the code at {@code entry} runs (MEM_END).
 */
public record EspStub(Path file, long entry, byte[] text, long textStart, byte[] data, long dataStart) {

    /** The ESP32's instruction RAM and data RAM, where a stub's segments must lie. */
    private static final long IRAM_START = 0x40070000L;
    private static final long IRAM_END = 0x400C0000L;
    private static final long DRAM_START = 0x3FFAE000L;
    private static final long DRAM_END = 0x40000000L;
    /** A stub is a few KB; anything past this is not one. */
    private static final int MAX_SEGMENT = 128 * 1024;

    /** The stub in {@code file}; a file that is not one is a {@link TernException} naming it and what is wrong. */
    public static EspStub load(Path file) {
        Map<String, Object> fields;
        try {
            fields = fields(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw bad(file, "not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw bad(file, "cannot be read (" + e.getMessage() + ")");
        }
        long entry = number(file, fields, "entry");
        byte[] text = segment(file, fields, "text");
        long textStart = number(file, fields, "text_start");
        byte[] data = fields.containsKey("data") ? segment(file, fields, "data") : new byte[0];
        long dataStart = data.length == 0 ? 0 : number(file, fields, "data_start");
        if (text.length == 0) {
            throw bad(file, "its text segment is empty");
        }
        if (textStart < IRAM_START || textStart + text.length > IRAM_END) {
            throw bad(file, String.format("its text (0x%08X, %d bytes) is not in the ESP32's instruction RAM", textStart, text.length));
        }
        if (data.length > 0 && (dataStart < DRAM_START || dataStart + data.length > DRAM_END)) {
            throw bad(file, String.format("its data (0x%08X, %d bytes) is not in the ESP32's data RAM", dataStart, data.length));
        }
        if (entry < textStart || entry >= textStart + text.length) {
            throw bad(file, String.format("its entry 0x%08X is not in its text (0x%08X..0x%08X)", entry, textStart, textStart + text.length));
        }
        return new EspStub(file, entry, text, textStart, data, dataStart);
    }

    /** For messages: the file and its sizes. */
    public String describe() {
        return file + " (" + text.length + " + " + data.length + " bytes)";
    }

    private static Map<String, Object> fields(byte[] json) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fields; // no fields: the first one looked for is named missing
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case VALUE_NUMBER_INT -> fields.put(name, parser.getLongValue());
                    case VALUE_STRING -> fields.put(name, parser.getText());
                    default -> parser.skipChildren();
                }
            }
        }
        return fields;
    }

    private static long number(Path file, Map<String, Object> fields, String key) {
        if (!(fields.get(key) instanceof Long value)) {
            throw bad(file, "it has no number '" + key + "'");
        }
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw bad(file, "its '" + key + "' " + value + " is not a 32-bit address");
        }
        return value;
    }

    private static byte[] segment(Path file, Map<String, Object> fields, String key) {
        if (!(fields.get(key) instanceof String text)) {
            throw bad(file, "it has no base64 string '" + key + "'");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw bad(file, "its '" + key + "' is not base64 (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_SEGMENT) {
            throw bad(file, "its '" + key + "' has " + bytes.length + " bytes, more than a flasher stub's " + MAX_SEGMENT);
        }
        return bytes;
    }

    private static TernException bad(Path file, String what) {
        return new TernException(ExitCodes.USAGE, file + " is not an esptool flasher stub for the ESP32: " + what
                + " (give esptool's targets/stub_flasher/2/esp32.json, or --no-stub)");
    }
}
