package dev.tern.bench.clients;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import dev.tern.bench.MqttVersion;

/**
 * Eclipse Paho's MQTT 5 {@link MqttAsyncClient} (org.eclipse.paho.mqttv5.client 1.2.5) as a
 * {@link BenchClient}, the counterpart of {@link PahoWorker}: memory persistence, clean start,
 * no automatic reconnect. Its v5 client has no send-window setting (it obeys the broker's Receive
 * Maximum), so the worker keeps {@link Worker#WINDOW} itself, as for the others.
 */
public final class Paho5Worker implements BenchClient, MqttCallback, MqttActionListener {

    private MqttAsyncClient client;
    private final PublishWindow window = new PublishWindow();
    private final AtomicLong received = new AtomicLong();

    public static void main(String[] args) {
        Worker.main(new Paho5Worker(), args);
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
        MqttVersion.V5.require(mqtt, "paho's mqttv5 client (PahoWorker: its mqttv3 client)");
        client = new MqttAsyncClient("tcp://" + host + ":" + port, clientId, new MemoryPersistence());
        client.setCallback(this);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setKeepAliveInterval(60);
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(PahoWorker.millisLeft(deadlineNanos));
    }

    @Override
    public void subscribe(String filter, int qos, long deadlineNanos) throws Exception {
        client.subscribe(filter, qos).waitForCompletion(PahoWorker.millisLeft(deadlineNanos));
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
        window.idle("paho mqttv5");
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
    public void disconnected(MqttDisconnectResponse response) {
        window.fail(new IllegalStateException("disconnected: " + response));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        window.fail(exception);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.incrementAndGet();
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // counted by the publish listener
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // connect waits on its token
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication here
    }
}
