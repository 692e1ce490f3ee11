package dev.tern.bench.clients;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;

import dev.tern.bench.MqttVersion;

/**
 * The HiveMQ MQTT client (1.3.10) as a {@link BenchClient}: its MQTT 3.1.1 async API (Tern and
 * Paho speak 3.1.1 too), clean session, sessions in memory. Each message is built with
 * {@code publishWith()...send()}; the returned future's completion is counted. The MQTT 3 client
 * has no send-window setting, so the worker keeps {@link Worker#WINDOW} itself, as for Paho.
 */
public final class HiveMqWorker implements BenchClient {

    private Mqtt3AsyncClient client;
    private final PublishWindow window = new PublishWindow();
    private final AtomicLong received = new AtomicLong();
    /** One instance for all messages: the worker's own code allocates nothing per message. */
    private final java.util.function.BiConsumer<Object, Throwable> onComplete = (result, error) -> window.complete(error);

    public static void main(String[] args) {
        quietLogging();
        Worker.main(new HiveMqWorker(), args);
    }

    @Override
    public String name() {
        return "hivemq";
    }

    @Override
    public String storage() {
        return "memory";
    }

    @Override
    public void connect(String host, int port, String clientId, MqttVersion mqtt, long deadlineNanos) throws Exception {
        MqttVersion.V3_1_1.require(mqtt, "the HiveMQ client's Mqtt3 API (HiveMq5Worker: its Mqtt5 API)");
        client = Mqtt3Client.builder().identifier(clientId).serverHost(host).serverPort(port).buildAsync();
        client.connectWith().cleanSession(true).keepAlive(60).send()
                .get(PahoWorker.millisLeft(deadlineNanos), TimeUnit.MILLISECONDS);
    }

    @Override
    public void subscribe(String filter, int qos, long deadlineNanos) throws Exception {
        client.subscribeWith().topicFilter(filter).qos(qos(qos)).callback(publish -> received.incrementAndGet()).send()
                .get(PahoWorker.millisLeft(deadlineNanos), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean publish(String topic, byte[] topicBytes, byte[] payload, int qos) {
        if (!window.take()) {
            return false;
        }
        client.publishWith().topic(topic).qos(qos(qos)).payload(payload).send().whenComplete(onComplete);
        return true;
    }

    @Override
    public void idle() {
        window.idle("hivemq");
    }

    @Override
    public long completed() {
        return window.completed();
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public void disconnect() throws Exception {
        client.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static MqttQos qos(int qos) {
        return MqttQos.fromCode(qos);
    }

    /** logback is on the class path (embedded HiveMQ CE, via test-support): no DEBUG lines from netty. */
    static void quietLogging() {
        org.slf4j.ILoggerFactory factory = org.slf4j.LoggerFactory.getILoggerFactory();
        if (factory instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
