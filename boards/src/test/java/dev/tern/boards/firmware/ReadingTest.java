package dev.tern.boards.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.tern.app.Ascii;

class ReadingTest {

    private static Reading parse(String topic, String payload) {
        return Reading.parse("tern/dev1", topic, 2, true, payload.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aReadingOnItsSensorsTopicGivesEveryField() {
        assertEquals(new Reading("pressure", 2, 17, true, 123456, "101325"), parse("tern/dev1/pressure", "{\"seq\":17,\"t\":123456,\"v\":101325}"));
    }

    @Test
    void negativeAndDecimalValuesKeepTheirText() {
        assertEquals("-3.05", parse("tern/dev1/temperature", "{\"seq\":1,\"t\":0,\"v\":-3.05}").value());
    }

    @Test
    void theFirmwaresNumberWritersParseBackToWhatTheyWrote() {
        byte[] buffer = new byte[64];
        int n = Ascii.putString(buffer, 0, buffer.length, "{\"seq\":");
        n = Ascii.putLong(buffer, n, buffer.length, 42);
        n = Ascii.putString(buffer, n, buffer.length, ",\"t\":");
        n = Ascii.putLong(buffer, n, buffer.length, 987654321L);
        n = Ascii.putString(buffer, n, buffer.length, ",\"v\":");
        n = Ascii.putFixed(buffer, n, buffer.length, -2143, 2);
        n = Ascii.putByte(buffer, n, buffer.length, '}');
        String written = new String(buffer, 0, n, StandardCharsets.US_ASCII);
        Reading reading = parse("tern/dev1/temperature", written);
        assertEquals(new Reading("temperature", 2, 42, true, 987654321L, "-21.43"), reading);
        assertEquals(written, reading.payload());
    }

    @Test
    void otherTopicsAreNotReadings() {
        String payload = "{\"seq\":1,\"t\":2,\"v\":3}";
        assertNull(parse("tern/dev1/cmd/status", payload));
        assertNull(parse("tern/other/temperature", payload));
        assertNull(parse("tern/dev1/", payload));
        assertNull(parse("tern/dev1", payload));
    }

    @Test
    void payloadsNotInTheFirmwaresFormAreNotReadings() {
        assertNull(parse("tern/dev1/status", "online"));
        assertNull(parse("tern/dev1/temperature", "{\"seq\": 1, \"t\": 2, \"v\": 3}"));
        assertNull(parse("tern/dev1/temperature", "{\"seq\":1,\"v\":3}"));
        assertNull(parse("tern/dev1/temperature", "{\"seq\":1,\"t\":2,\"v\":3}x"));
        assertNull(parse("tern/dev1/temperature", "{\"seq\":99999999999999999999,\"t\":2,\"v\":3}"));
    }
}
