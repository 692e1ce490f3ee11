package dev.tern.bench.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tern.testsupport.MosquittoBroker;

/**
 * Each worker, for a few messages at QoS 1 against mosquitto: its line parses and every message
 * was delivered. Counts only; the timings the lines carry are not looked at.
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

    @ParameterizedTest
    @EnumSource(Contender.class)
    void publisherDeliversEveryMessageToTheWireSubscriber(Contender contender) {
        String topic = "test/" + contender.name().toLowerCase() + "-pub";
        try (Forks.Background subscriber = Forks.start(WireSubscriber.class,
                List.of("1", broker.host(), Integer.toString(broker.port()), topic + "/data", Integer.toString(MESSAGES), "60"),
                TIMEOUT)) {
            WorkerLine published = Forks.run(contender.main(),
                    contender.arguments("publish", 1, broker.host(), broker.port(), topic, WARMUP, MESSAGES, 60), TIMEOUT);
            WorkerLine arrived = subscriber.awaitLine("topic", topic + "/data", TIMEOUT);

            assertEquals(MESSAGES, published.number("counted"), published.toString());
            assertEquals(1, published.number("qos"));
            assertEquals(MESSAGES, arrived.number("counted"), arrived.toString());
            assertEquals(0, arrived.number("duplicates"), arrived.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Contender.class, names = "WIRE", mode = EnumSource.Mode.EXCLUDE)
    void receiverCountsEveryMessageTheFeederSent(Contender contender) throws IOException {
        String topic = "test/" + contender.name().toLowerCase() + "-recv";
        try (Forks.Background receiver = Forks.start(contender.main(),
                contender.arguments("receive", 1, broker.host(), broker.port(), topic, WARMUP, MESSAGES, 60), TIMEOUT)) {
            WirePublisher.feed(broker.host(), broker.port(), topic + "/data", 1, WARMUP + MESSAGES, 60);
            WorkerLine received = receiver.await(TIMEOUT);

            // the measured window opens once the warm-up arrived: it counts what arrived after that
            assertEquals(WARMUP + MESSAGES, received.number("delivered"), received.toString());
            assertTrue(received.number("counted") > 0, received.toString());
            assertEquals(0, received.number("died"), received.toString());
        }
    }
}
