package dev.tern.bench.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tern.bench.MqttVersion;

import dev.tern.testsupport.MosquittoBroker;

/**
 * Each worker, in each MQTT version it speaks, for a few messages at QoS 1 against mosquitto:
 * its line parses, it says the version it spoke, and every message was delivered. Counts only; the timings the lines carry are not looked at.
 */
@Tag("mosquitto")
class WorkersTest {

    private static final int MESSAGES = 200;
    private static final int WARMUP = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = BenchBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Every contender in every version it speaks. */
    static Stream<Arguments> publishers() {
        return Stream.of(MqttVersion.values()).flatMap(mqtt -> Stream.of(Contender.values())
                .filter(contender -> contender.speaks(mqtt)).map(contender -> Arguments.of(contender, mqtt)));
    }

    /** Every contender that receives, in both versions. */
    static Stream<Arguments> receivers() {
        return publishers().filter(arguments -> ((Contender) arguments.get()[0]).receives());
    }

    @ParameterizedTest(name = "{0} in MQTT {1}")
    @MethodSource("publishers")
    void publisherDeliversEveryMessageToTheWireSubscriber(Contender contender, MqttVersion mqtt) {
        String topic = "test/" + contender.name().toLowerCase() + "-v" + mqtt.level() + "-pub";
        try (Forks.Background subscriber = Forks.start(WireSubscriber.class,
                List.of("1", broker.host(), Integer.toString(broker.port()), topic + "/data", Integer.toString(MESSAGES), "60"),
                TIMEOUT)) {
            WorkerLine published = Forks.run(contender.main(mqtt),
                    contender.arguments(mqtt, "publish", 1, broker.host(), broker.port(), topic, WARMUP, MESSAGES, 60),
                    TIMEOUT);
            WorkerLine arrived = subscriber.awaitLine("topic", topic + "/data", TIMEOUT);

            assertEquals(MESSAGES, published.number("counted"), published.toString());
            assertEquals(1, published.number("qos"));
            if (contender != Contender.WIRE) {
                assertEquals(mqtt.label(), published.text("mqtt"));
            }
            assertEquals(MESSAGES, arrived.number("counted"), arrived.toString());
            assertEquals(0, arrived.number("duplicates"), arrived.toString());
            // the throughput table's CPU column: every publisher reports its process's CPU time; the JDK and
            // bash's `times` count it in 10 ms clock ticks, so 200 quick messages may honestly read 0
            assertTrue(published.has(WorkerLine.CPU_NANOS), published.toString());
            assertTrue(published.number(WorkerLine.CPU_NANOS) >= 0, published.toString());
        }
    }

    @ParameterizedTest(name = "{0} in MQTT {1}")
    @MethodSource("receivers")
    void receiverCountsEveryMessageTheFeederSent(Contender contender, MqttVersion mqtt) throws IOException {
        String topic = "test/" + contender.name().toLowerCase() + "-v" + mqtt.level() + "-recv";
        try (Forks.Background receiver = Forks.start(contender.main(mqtt),
                contender.arguments(mqtt, "receive", 1, broker.host(), broker.port(), topic, WARMUP, MESSAGES, 60),
                TIMEOUT)) {
            WirePublisher.feed(broker.host(), broker.port(), topic + "/data", 1, WARMUP + MESSAGES, 60);
            WorkerLine received = receiver.await(TIMEOUT);

            // the measured window opens once the warm-up arrived: it counts what arrived after that
            assertEquals(WARMUP + MESSAGES, received.number("delivered"), received.toString());
            assertTrue(received.number("counted") > 0, received.toString());
            assertEquals(0, received.number("died"), received.toString());
        }
    }
}
