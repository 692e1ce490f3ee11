package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class OutgoingTopicAliasesTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int aliasFor(OutgoingTopicAliases aliases, String topic) {
        byte[] bytes = ascii("xx" + topic); // at an offset, as in a caller's buffer
        return aliases.aliasFor(bytes, 2, bytes.length - 2);
    }

    @Test
    void givesEachNewTopicTheNextAliasAndTheSameAliasAgain() {
        OutgoingTopicAliases aliases = new OutgoingTopicAliases(4, 64);
        aliases.reset(10);
        assertEquals(1, aliasFor(aliases, "s/t"));
        assertEquals(2, aliasFor(aliases, "s/h"));
        assertEquals(1, aliasFor(aliases, "s/t"));
        assertEquals(3, aliasFor(aliases, "s/t2")); // a longer topic with the same start is another topic
        assertEquals(3, aliases.assignedCount());
    }

    @Test
    void anAliasIsEstablishedOnlyAfterThePublishCarryingItsTopicWasSent() {
        OutgoingTopicAliases aliases = new OutgoingTopicAliases(4, 64);
        aliases.reset(10);
        int alias = aliasFor(aliases, "s/t");
        assertFalse(aliases.isEstablished(alias), "first PUBLISH must carry the topic");
        assertEquals(alias, aliasFor(aliases, "s/t"));
        assertFalse(aliases.isEstablished(alias), "not handed to the transport yet");
        aliases.established(alias);
        assertTrue(aliases.isEstablished(alias));
        assertFalse(aliases.isEstablished(aliasFor(aliases, "s/h")));
    }

    @Test
    void aNewConnectionForgetsWhatTheBrokerKnewButKeepsTheNumbers() {
        OutgoingTopicAliases aliases = new OutgoingTopicAliases(4, 64);
        aliases.reset(10);
        aliasFor(aliases, "s/t");
        int h = aliasFor(aliases, "s/h");
        aliases.established(1);
        aliases.established(h);
        aliases.reset(10); // MQTT-3.3.2-7: aliases do not survive the connection
        assertFalse(aliases.isEstablished(1));
        assertFalse(aliases.isEstablished(h));
        assertEquals(h, aliasFor(aliases, "s/h"));
    }

    @Test
    void neverUsesAnAliasAboveTheBrokersMaximum() {
        OutgoingTopicAliases aliases = new OutgoingTopicAliases(4, 64);
        aliases.reset(0); // broker allows no aliases (Topic Alias Maximum absent)
        assertEquals(OutgoingTopicAliases.NO_ALIAS, aliasFor(aliases, "s/t"));
        aliases.established(1);
        assertFalse(aliases.isEstablished(1));
        aliases.reset(2);
        assertEquals(1, aliasFor(aliases, "s/t"));
        assertEquals(2, aliasFor(aliases, "s/h"));
        assertEquals(OutgoingTopicAliases.NO_ALIAS, aliasFor(aliases, "s/p"), "alias 3 is above the broker's 2");
        aliases.established(3);
        assertFalse(aliases.isEstablished(3));
        aliases.reset(4);
        assertEquals(3, aliasFor(aliases, "s/p"), "kept its number for a broker that allows it");
    }

    @Test
    void topicsThatDoNotFitGetNoAlias() {
        OutgoingTopicAliases aliases = new OutgoingTopicAliases(2, 8);
        aliases.reset(100);
        assertEquals(OutgoingTopicAliases.NO_ALIAS, aliasFor(aliases, "too/long/topic"), "over the bytes");
        assertEquals(1, aliasFor(aliases, "a/b/c"));
        assertEquals(OutgoingTopicAliases.NO_ALIAS, aliasFor(aliases, "d/e/f"), "5 + 5 bytes over 8");
        assertEquals(2, aliasFor(aliases, "g/h"));
        assertEquals(OutgoingTopicAliases.NO_ALIAS, aliasFor(aliases, "i"), "table full");
        assertEquals(OutgoingTopicAliases.NO_ALIAS, aliasFor(aliases, ""), "an empty topic never gets one");
        assertEquals(2, aliases.assignedCount());
    }

    @Test
    void aTableOfNoAliasesNeverGivesOne() {
        OutgoingTopicAliases aliases = new OutgoingTopicAliases(0, 0);
        aliases.reset(65535);
        assertEquals(OutgoingTopicAliases.NO_ALIAS, aliasFor(aliases, "s/t"));
    }

    @Test
    void refusesSizesOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> new OutgoingTopicAliases(-1, 8));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingTopicAliases(65536, 8));
        assertThrows(IllegalArgumentException.class, () -> new OutgoingTopicAliases(1, -1));
    }
}
