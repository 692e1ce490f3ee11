package dev.tern.bench.clients;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.tern.bench.MqttVersion;

/**
 * Eclipse Paho's {@link MqttAsyncClient} (1.2.5) as a {@link BenchClient}: memory persistence,
 * clean session, {@code maxInflight} {@link Worker#WINDOW}. Messages go through
 * {@code publish(topic, bytes, qos, false, null, listener)}; the listener counts completions and
 * wakes the worker's thread when it waits for the window.
 */
public final class PahoWorker implements BenchClient, MqttCallback, IMqttActionListener {

    private MqttAsyncClient client;
    private final PublishWindow window = new PublishWindow();
    private final AtomicLong received = new AtomicLong();

    public static void main(String[] args) {
        Worker.main(new PahoWorker(), args);
    }

    @Override
    public String name() {
        return "paho";
    }

    @Override
    public String storage() {
        return "memory";
    }

    @Override
    public void connect(String host, int port, String clientId, MqttVersion mqtt, long deadlineNanos) throws Exception {
        MqttVersion.V3_1_1.require(mqtt, "paho's mqttv3 client (Paho5Worker: its mqttv5 client)");
        client = new MqttAsyncClient("tcp://" + host + ":" + port, clientId, new MemoryPersistence());
        client.setCallback(this);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setKeepAliveInterval(60);
        options.setMaxInflight(Worker.WINDOW);
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(millisLeft(deadlineNanos));
    }

    @Override
    public void subscribe(String filter, int qos, long deadlineNanos) throws Exception {
        client.subscribe(filter, qos).waitForCompletion(millisLeft(deadlineNanos));
    }

    @Override
    public boolean publish(String topic, byte[] topicBytes, byte[] payload, int qos) throws Exception {
        if (!window.take()) {
            return false;
        }
        client.publish(topic, payload, qos, false, null, this);
        return true;
    }

    @Override
    public void idle() {
        window.idle("paho");
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
        client.disconnect().waitForCompletion(TimeUnit.SECONDS.toMillis(10));
        client.close();
    }

    @Override
    public void onSuccess(IMqttToken token) {
        window.complete(null);
    }

    @Override
    public void onFailure(IMqttToken token, Throwable exception) {
        window.complete(exception);
    }

    @Override
    public void connectionLost(Throwable cause) {
        window.fail(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.incrementAndGet();
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // counted by the publish listener
    }

    static long millisLeft(long deadlineNanos) {
        return Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }
}
