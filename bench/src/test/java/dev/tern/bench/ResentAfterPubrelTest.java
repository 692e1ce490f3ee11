package dev.tern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.tern.mqtt.codec.PacketType;

/** A QoS 2 copy counts as the broker's only when the engine had received the PUBREL for it. */
class ResentAfterPubrelTest {

    private final ResentAfterPubrel resent = new ResentAfterPubrel();

    private boolean deliver(int packetId, long seq) {
        resent.received(PacketType.PUBLISH, packetId);
        return resent.isResentAfterPubrel(seq);
    }

    @Test
    void aPublishAgainAfterItsPubrelIsTheBrokers() {
        assertFalse(deliver(5, 17));
        resent.received(PacketType.PUBREL, 5);
        assertTrue(deliver(5, 17), "the broker sent PUBREL, then the PUBLISH again");
        assertEquals(1, resent.count());
    }

    @Test
    void aSecondDeliveryWithoutAPubrelIsTheEngines() {
        assertFalse(deliver(6, 18));
        assertFalse(deliver(6, 18), "no PUBREL came: the engine should have known the id");
        resent.received(PacketType.PUBREL, 6);
        assertEquals(0, resent.count());
    }

    @Test
    void aPubrelCountsForTheMessageItsPacketIdCarriedLast() {
        assertFalse(deliver(5, 17));
        resent.received(PacketType.PUBREL, 5);
        assertFalse(deliver(5, 19), "the id reused for a new message");
        assertFalse(deliver(5, 19), "19 delivered twice with no PUBREL for it between: the engine's duplicate");
        assertEquals(0, resent.count());
    }

    @Test
    void aPubrelForAnUnknownIdChangesNothing() {
        resent.received(PacketType.PUBREL, 9);
        assertFalse(deliver(9, 30));
        assertEquals(0, resent.count());
    }
}
