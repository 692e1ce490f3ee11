package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.tern.hal.testing.FlashFake;
import dev.tern.mqtt.codec.CodecStatus;
import dev.tern.mqtt.codec.ConnectCodec;
import dev.tern.mqtt.codec.ConnectParameters;
import dev.tern.mqtt.codec.TopicRules;
import dev.tern.testsupport.fuzz.GeneratedInputs;

/**
 * Fuzz target: the config page reader ({@link ConfigPage#read}) and the settings it applies
 * ({@link AppConfig}). Each input is read twice: as the page itself (header and all, padded
 * with erased bytes) and as the body of a page whose header and CRC are correct, so garbage
 * lines get past the CRC. For both:
 * <ul>
 * <li>the page status is one of the named statuses, every line warning is UNKNOWN_KEY,
 * BAD_VALUE or BAD_LINE, nothing throws;</li>
 * <li>a page that fails (bad magic, version, length, CRC) applies nothing;</li>
 * <li>whatever the page applied, the resolved configuration is one the board runs: the engine
 * accepts it ({@code MqttConfig.validate}), its CONNECT encodes, every sensor topic is a valid
 * MQTT Topic Name and the command filter {@code <prefix>/cmd/#} a valid Topic Filter.</li>
 * </ul>
 */
class ConfigPageFuzzTest {

    static final int PAGE = 512;
    private static final Set<Integer> PAGE_STATUSES = Set.of(ConfigPage.OK, ConfigPage.BLANK, ConfigPage.BAD_MAGIC,
            ConfigPage.UNSUPPORTED_VERSION, ConfigPage.BAD_LENGTH, ConfigPage.BAD_CRC);
    private static final Set<Integer> LINE_WARNINGS = Set.of(ConfigPage.UNKNOWN_KEY, ConfigPage.BAD_VALUE,
            ConfigPage.BAD_LINE);

    @FuzzTest(maxDuration = "30s")
    void page(byte[] data) {
        check(data);
    }

    @Test
    void generatedInputsKeepEveryProperty() {
        GeneratedInputs.run("ConfigPageFuzzTest", 20261128L, 20_000, PAGE,
                GeneratedInputs.corpus(ConfigPageFuzzTest.class, "page"), ConfigPageFuzzTest::check);
    }

    static void check(byte[] data) {
        byte[] asPage = Arrays.copyOf(data, PAGE);
        Arrays.fill(asPage, Math.min(data.length, PAGE), PAGE, (byte) 0xFF);
        read(asPage, false);

        int bodyLength = Math.min(data.length, PAGE - ConfigPage.HEADER_LENGTH);
        byte[] withCrc = new byte[PAGE];
        Arrays.fill(withCrc, (byte) 0xFF);
        assertEquals(ConfigPage.encodedLength(bodyLength), ConfigPage.encode(data, 0, bodyLength, withCrc, 0));
        read(withCrc, true);
    }

    private static void read(byte[] bytes, boolean crcIsRight) {
        FlashFake flash = new FlashFake(1, PAGE);
        flash.program(0, bytes, 0, bytes.length);
        ConfigPage page = new ConfigPage();
        AppConfig config = new AppConfig("virtual", "0123abcd");
        int status = page.read(flash, config);
        assertTrue(PAGE_STATUSES.contains(status), "page status " + status + " " + ConfigPage.name(status));
        if (crcIsRight) {
            assertEquals(ConfigPage.OK, status, "a page with a correct header and CRC");
        }
        if (ConfigPage.isFailure(status)) {
            assertEquals(0, page.applied(), ConfigPage.name(status) + " page applied settings");
        }
        for (int i = 0; i < Math.min(page.warningCount(), ConfigPage.MAX_WARNINGS); i++) {
            int warning = page.warningStatus(i);
            assertTrue(LINE_WARNINGS.contains(warning), "line warning " + warning + " " + ConfigPage.name(warning));
            assertNotEquals("UNKNOWN_STATUS", ConfigPage.name(warning));
        }
        config.resolve();
        runnable(config);
    }

    /** What the board does with the settings at boot: none of it may fail. */
    static void runnable(AppConfig config) {
        assertDoesNotThrow(config.mqtt::validate, "the engine refuses the configuration");
        ConnectParameters connect = new ConnectParameters();
        connect.clientId(config.mqtt.clientId, 0, config.mqtt.clientId.length);
        connect.cleanSession(config.mqtt.cleanSession);
        connect.keepAliveSeconds(config.mqtt.keepAliveSeconds);
        byte[] packet = new byte[1024];
        int length = ConnectCodec.encode(packet, 0, packet.length, connect);
        assertTrue(length > 0, "CONNECT with client id '" + config.clientId + "' does not encode: "
                + CodecStatus.name(length));
        for (int i = 0; i < AppConfig.SENSORS; i++) {
            byte[] topic = Utf8Text.bytes(config.sensorTopic[i]);
            int topicStatus = TopicRules.checkName(topic, 0, topic.length);
            assertEquals(CodecStatus.OK, topicStatus, "sensor topic '" + config.sensorTopic[i] + "': "
                    + CodecStatus.name(topicStatus));
        }
        byte[] filter = Utf8Text.bytes(config.topicPrefix + "/cmd/#");
        int filterStatus = TopicRules.checkFilter(filter, 0, filter.length);
        assertEquals(CodecStatus.OK, filterStatus, "command filter '" + config.topicPrefix + "/cmd/#': "
                + CodecStatus.name(filterStatus));
        assertTrue(config.commandQos >= 0 && config.commandQos <= 2);
        for (int i = 0; i < AppConfig.SENSORS; i++) {
            assertTrue(config.sensorQos[i] >= 0 && config.sensorQos[i] <= 2);
            assertTrue(config.sensorIntervalMillis[i] > 0);
        }
    }
}
