package dev.tern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.testsupport.BrokerKind;

class SuiteArgumentsTest {

    private static SuiteArguments parse(String... args) {
        return SuiteArguments.parse(args, "qos", "broker", "mqtt");
    }

    @Test
    void qosLevelsAreAllThreeUnlessListed() {
        assertEquals(List.of(0, 1, 2), parse().qosLevels());
        assertEquals(List.of(2, 0), parse("--qos", "2, 0").qosLevels());
    }

    @Test
    void aQosOutsideZeroToTwoOrNotANumberIsAUsageError() {
        assertEquals("--qos takes 0, 1 and 2: 3", assertThrows(IllegalArgumentException.class,
                () -> parse("--qos", "1,3").qosLevels()).getMessage());
        assertEquals("--qos takes 0, 1 and 2: x", assertThrows(IllegalArgumentException.class,
                () -> parse("--qos", "x").qosLevels()).getMessage());
    }

    @Test
    void theBrokerIsMosquittoUnlessHivemqIsAskedFor() {
        assertEquals(BrokerKind.MOSQUITTO, parse().broker());
        assertEquals(BrokerKind.HIVEMQ, parse("--broker", "hivemq").broker());
        assertThrows(IllegalArgumentException.class, () -> parse("--broker", "emqx").broker());
    }

    @Test
    void mqttIs311UnlessFiveOrBothIsAskedFor() {
        assertEquals(List.of(MqttVersion.V3_1_1), parse().mqttVersions());
        assertEquals(List.of(MqttVersion.V5), parse("--mqtt", "5").mqttVersions());
        assertEquals(List.of(MqttVersion.V3_1_1, MqttVersion.V5), parse("--mqtt=both").mqttVersions());
        assertEquals("--mqtt is 3.1.1, 5 or both: 4", assertThrows(IllegalArgumentException.class,
                () -> parse("--mqtt", "4").mqttVersions()).getMessage());
    }
}
