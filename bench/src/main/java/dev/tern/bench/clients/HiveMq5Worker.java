package dev.tern.bench.clients;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;

import dev.tern.bench.MqttVersion;

/**
 * The HiveMQ MQTT client (1.3.10) in MQTT 5 as a {@link BenchClient}, the counterpart of
 * {@link HiveMqWorker}: its {@link Mqtt5AsyncClient}, clean start, session expiry 0 (its
 * default), sessions in memory. Each message is built with {@code publishWith()...send()}; the
 * returned future's completion is counted. The worker keeps {@link Worker#WINDOW} itself, as for
 * the others.
 */
public final class HiveMq5Worker implements BenchClient {

    private Mqtt5AsyncClient client;
    private final PublishWindow window = new PublishWindow();
    private final AtomicLong received = new AtomicLong();
    /** One instance for all messages: the worker's own code allocates nothing per message. */
    private final java.util.function.BiConsumer<Object, Throwable> onComplete = (result, error) -> window.complete(error);

    public static void main(String[] args) {
        HiveMqWorker.quietLogging();
        Worker.main(new HiveMq5Worker(), args);
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
        MqttVersion.V5.require(mqtt, "the HiveMQ client's Mqtt5 API (HiveMqWorker: its Mqtt3 API)");
        client = Mqtt5Client.builder().identifier(clientId).serverHost(host).serverPort(port).buildAsync();
        client.connectWith().cleanStart(true).keepAlive(60).send()
                .get(PahoWorker.millisLeft(deadlineNanos), TimeUnit.MILLISECONDS);
    }

    @Override
    public void subscribe(String filter, int qos, long deadlineNanos) throws Exception {
        client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).callback(publish -> received.incrementAndGet())
                .send().get(PahoWorker.millisLeft(deadlineNanos), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean publish(String topic, byte[] topicBytes, byte[] payload, int qos) {
        if (!window.take()) {
            return false;
        }
        client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send().whenComplete(onComplete);
        return true;
    }

    @Override
    public void idle() {
        window.idle("hivemq mqtt5");
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
}
