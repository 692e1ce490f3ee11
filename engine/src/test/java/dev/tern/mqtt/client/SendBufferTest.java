package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.hal.Transport;
import dev.tern.mqtt.codec.EmptyPacketCodec;

/** The transmit buffer: encode at end(), commit, flush what the transport takes, keep the rest in order. */
class SendBufferTest {

    private static ScriptedBroker openLink() {
        ScriptedBroker link = new ScriptedBroker();
        link.connect();
        return link;
    }

    private static void pingreq(SendBuffer buffer) {
        buffer.commit(EmptyPacketCodec.encodePingreq(buffer.bytes(), buffer.end(), buffer.room()));
    }

    @Test
    void flushWritesEverythingTheTransportTakes() {
        ScriptedBroker link = openLink();
        SendBuffer buffer = new SendBuffer(8);
        pingreq(buffer);
        pingreq(buffer);
        assertEquals(4, buffer.flush(link));
        assertTrue(buffer.isEmpty());
        assertEquals(8, buffer.room());
        assertEquals(List.of("pingreq", "pingreq"), link.takeNames());
    }

    @Test
    void partialWritesKeepTheRestInOrder() {
        ScriptedBroker link = openLink();
        SendBuffer buffer = new SendBuffer(8);
        pingreq(buffer);
        buffer.commit(EmptyPacketCodec.encodeDisconnect(buffer.bytes(), buffer.end(), buffer.room()));
        link.writeBudget(3);
        assertEquals(3, buffer.flush(link));
        assertEquals(0, buffer.flush(link));
        assertEquals(List.of("pingreq"), link.takeNames());
        link.writeBudget(ScriptedBroker.UNLIMITED);
        assertEquals(1, buffer.flush(link));
        assertEquals(List.of("disconnect"), link.takeNames());
    }

    @Test
    void roomMovesWaitingBytesToTheFront() {
        ScriptedBroker link = openLink();
        SendBuffer buffer = new SendBuffer(8);
        for (int i = 0; i < 4; i++) {
            pingreq(buffer);
        }
        assertEquals(0, buffer.room());
        link.writeBudget(6);
        buffer.flush(link);
        assertEquals(6, buffer.room()); // 2 bytes wait, moved to the front
        pingreq(buffer);
        link.writeBudget(ScriptedBroker.UNLIMITED);
        buffer.flush(link);
        assertEquals(List.of("pingreq", "pingreq", "pingreq", "pingreq", "pingreq"), link.takeNames());
    }

    @Test
    void failedWriteIsReportedAndClearEmpties() {
        ScriptedBroker link = openLink();
        SendBuffer buffer = new SendBuffer(8);
        pingreq(buffer);
        link.failWrites(Transport.FAILED);
        assertEquals(Transport.FAILED, buffer.flush(link));
        assertTrue(!buffer.isEmpty());
        buffer.clear();
        assertTrue(buffer.isEmpty());
        assertEquals(8, buffer.room());
    }
}
