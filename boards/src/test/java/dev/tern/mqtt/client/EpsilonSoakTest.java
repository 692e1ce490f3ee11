package dev.tern.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tern.mqtt.codec.ProtocolLevel;

import dev.tern.testsupport.ForkedJvm;
import dev.tern.testsupport.MosquittoBroker;
import dev.tern.testsupport.TestBroker;

/**
 * 1,000,000 QoS 1 messages through mosquitto with the engine in a JVM under Epsilon GC (which
 * never frees anything) and a 16 MB heap (the JVM itself takes about 2 MB of it): it only finishes if the steady state does not allocate.
 */
@Tag("mosquitto")
class EpsilonSoakTest {

    private static final long MESSAGES = 1_000_000;

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {ProtocolLevel.V3_1_1, ProtocolLevel.V5})
    void millionQos1MessagesFinishUnderEpsilonWithAnSixteenMegabyteHeap(int version) {
        try (TestBroker broker = MosquittoBroker.start()) {
            ForkedJvm.Result result = ForkedJvm.run(
                    List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC", "-Xms16m", "-Xmx16m",
                            "-XX:-UsePerfData"),
                    ForkedJvm.classPath(EpsilonSoak.class), EpsilonSoak.class,
                    List.of(Integer.toString(broker.port()), Long.toString(MESSAGES), Integer.toString(version)),
                    Duration.ofMinutes(12));

            assertEquals(0, result.exitCode(), () -> "soak failed:\n" + result.stdout() + "\n" + result.stderr());
            assertTrue(result.stdout().contains("soak: acknowledged=" + MESSAGES + " published=" + MESSAGES + " "),
                    result.stdout());
            Matcher wear = Pattern.compile("soak: flash erases=(\\d+) .*perPageMin=(\\d+) perPageMax=(\\d+)")
                    .matcher(result.stdout());
            assertTrue(wear.find(), result.stdout());
            long erases = Long.parseLong(wear.group(1));
            // the journal erases a 4 KB page when the log needs one: far fewer erases than messages,
            // spread over every page
            assertTrue(erases > 0 && erases < MESSAGES / 10, "erases=" + erases);
            assertTrue(Long.parseLong(wear.group(3)) - Long.parseLong(wear.group(2)) <= 1, result.stdout());
            System.out.println(result.stdout().strip());
        }
    }
}
