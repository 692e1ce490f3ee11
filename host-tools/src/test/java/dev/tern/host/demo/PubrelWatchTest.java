package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** The power cut's trigger over TLS: it follows the firmware's packet stream however the writes split it. */
class PubrelWatchTest {

    private static final byte[] PUBLISH_QOS2_ID_5 = {0x34, 0x06, 0x00, 0x01, 't', 0x00, 0x05, 'x'};
    private static final byte[] PUBREL_ID_5 = {0x62, 0x02, 0x00, 0x05};
    /** MQTT 5 PUBREL with a reason code and empty properties. */
    private static final byte[] PUBREL_V5_ID_258 = {0x62, 0x04, 0x01, 0x02, 0x00, 0x00};
    private static final byte[] PINGREQ = {(byte) 0xC0, 0x00};

    @Test
    void anArmedWatchHaltsRightAfterThePubrelAndNamesItsPacketId() {
        PubrelWatch watch = new PubrelWatch();
        watch.connectionOpened();
        CountDownLatch latch = watch.arm();

        assertFalse(watch.haltAfter(PUBLISH_QOS2_ID_5, 0, PUBLISH_QOS2_ID_5.length), "a PUBLISH does not halt");
        assertFalse(watch.haltAfter(PINGREQ, 0, PINGREQ.length), "a packet with no body does not halt");
        assertTrue(watch.haltAfter(PUBREL_ID_5, 0, PUBREL_ID_5.length));
        assertEquals(0, latch.getCount());
        assertEquals(5, watch.haltedAfterPacketId());
        assertFalse(watch.haltAfter(PUBREL_ID_5, 0, PUBREL_ID_5.length), "it fires once per arming");
    }

    @Test
    void aPubrelSplitAcrossWritesHaltsOnlyOnceItIsWhole() {
        PubrelWatch watch = new PubrelWatch();
        watch.connectionOpened();
        watch.arm();
        byte[] stream = concat(PUBLISH_QOS2_ID_5, PUBREL_V5_ID_258);
        int pubrelEnds = stream.length;

        assertFalse(watch.haltAfter(stream, 0, 5));
        assertFalse(watch.haltAfter(stream, 5, pubrelEnds - 1 - 5), "the PUBREL's last byte is not written yet");
        assertTrue(watch.haltAfter(stream, pubrelEnds - 1, 1));
        assertEquals(258, watch.haltedAfterPacketId());
    }

    @Test
    void unarmedItFollowsTheStreamAndDoesNotHalt() {
        PubrelWatch watch = new PubrelWatch();
        watch.connectionOpened();
        assertFalse(watch.haltAfter(PUBREL_ID_5, 0, PUBREL_ID_5.length));

        // a new connection after a torn one starts its stream afresh
        watch.haltAfter(PUBLISH_QOS2_ID_5, 0, 3);
        watch.connectionOpened();
        watch.arm();
        assertTrue(watch.haltAfter(PUBREL_ID_5, 0, PUBREL_ID_5.length));
        assertEquals(5, watch.haltedAfterPacketId());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
