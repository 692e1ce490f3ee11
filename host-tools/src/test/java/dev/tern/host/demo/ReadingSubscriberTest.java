package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ReadingSubscriberTest {

    @Test
    void readsSeqAndValueFromTheFirmwaresPayload() {
        Reading reading = ReadingSubscriber.parse("pressure", 2, true,
                "{\"seq\":17,\"t\":123456,\"v\":101325.00}".getBytes(StandardCharsets.US_ASCII));
        assertEquals(new Reading("pressure", 2, 17, true, "101325.00", 123456), reading);
    }

    @Test
    void aPayloadWithoutSeqIsNotAReading() {
        assertNull(ReadingSubscriber.parse("status", 1, false, "uptime 12".getBytes(StandardCharsets.US_ASCII)));
    }
}
