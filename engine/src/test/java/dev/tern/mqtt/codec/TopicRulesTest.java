package dev.tern.mqtt.codec;

import static dev.tern.mqtt.codec.Vectors.ascii;
import static dev.tern.mqtt.codec.Vectors.assertStatus;
import static dev.tern.mqtt.codec.Vectors.bytes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicRulesTest {

    private static int name(String s) {
        byte[] b = ascii(s);
        return TopicRules.checkName(b, 0, b.length);
    }

    private static int filter(String s) {
        byte[] b = ascii(s);
        return TopicRules.checkFilter(b, 0, b.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "/", "//", "sport/tennis/player1", "/finance", "finance/", "$SYS/x", "with space", "\u00fc/\u6e29"})
    void acceptsTopicNames(String topic) {
        assertStatus(CodecStatus.OK, name(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "#", "a/+", "a/#", "sport+", "a/b#", "+/x"})
    void refusesWildcardsInTopicNames(String topic) {
        assertStatus(CodecStatus.WILDCARD_IN_TOPIC_NAME, name(topic));
    }

    @Test
    void refusesEmptyTopics() {
        assertStatus(CodecStatus.EMPTY_TOPIC, name(""));
        assertStatus(CodecStatus.EMPTY_TOPIC, filter(""));
    }

    @Test
    void refusesNullCharactersAndBadUtf8InTopics() {
        assertStatus(CodecStatus.UTF8_NULL_CHARACTER, TopicRules.checkName(bytes('a', 0), 0, 2));
        assertStatus(CodecStatus.UTF8_NULL_CHARACTER, TopicRules.checkFilter(bytes('a', 0), 0, 2));
        assertStatus(CodecStatus.UTF8_SURROGATE, TopicRules.checkFilter(bytes(0xED, 0xA0, 0x80), 0, 3));
    }

    @Test
    void refusesTopicsLongerThan65535Bytes() {
        byte[] big = new byte[65536];
        java.util.Arrays.fill(big, (byte) 'a');
        assertStatus(CodecStatus.OK, TopicRules.checkName(big, 0, 65535));
        assertStatus(CodecStatus.FIELD_TOO_LONG, TopicRules.checkName(big, 0, 65536));
        assertStatus(CodecStatus.FIELD_TOO_LONG, TopicRules.checkFilter(big, 0, 65536));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "/", "sport/#", "sport/tennis/#", "+/tennis/#", "sport/+/player1", "+/+", "/+",
            "+/", "a//+/#", "$SYS/#", "sport/tennis/player1"})
    void acceptsTopicFilters(String topic) {
        assertStatus(CodecStatus.OK, filter(topic));
    }

    @ParameterizedTest
    @CsvSource({
            "sport/tennis#, MISPLACED_MULTI_LEVEL_WILDCARD",
            "sport/tennis/#/ranking, MISPLACED_MULTI_LEVEL_WILDCARD",
            "#/, MISPLACED_MULTI_LEVEL_WILDCARD",
            "##, MISPLACED_MULTI_LEVEL_WILDCARD",
            "a#, MISPLACED_MULTI_LEVEL_WILDCARD",
            "sport+, MISPLACED_SINGLE_LEVEL_WILDCARD",
            "+x, MISPLACED_SINGLE_LEVEL_WILDCARD",
            "a/+b/c, MISPLACED_SINGLE_LEVEL_WILDCARD",
            "++, MISPLACED_SINGLE_LEVEL_WILDCARD",
            "+#, MISPLACED_SINGLE_LEVEL_WILDCARD"})
    void refusesMisplacedWildcardsInFilters(String topic, String status) {
        org.junit.jupiter.api.Assertions.assertEquals(status, CodecStatus.name(filter(topic)));
    }
}
