package dev.tern.mqtt.client;

import java.nio.charset.StandardCharsets;

import dev.tern.boards.virtual.SocketTransport;
import dev.tern.hal.testing.FlashFake;

/**
 * Publishes N QoS 1 messages through a broker with the engine in a JVM whose garbage collector
 * never collects (Epsilon) and whose heap is a few MB: if the steady state allocated, the heap
 * would run out long before the end. Prints {@code soak: acknowledged=N ...} and exits 0 when all
 * were acknowledged, then {@code soak: flash erases=E ...}: the session flash's erases in all,
 * per 1,000 messages and per page (the wear the journal caused). Arguments: broker port, message
 * count.
 */
public final class EpsilonSoak {

    static final int FLASH_PAGES = 16;

    private EpsilonSoak() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        long count = Long.parseLong(args[1]);
        if (args.length > 2) {
            System.setProperty(ZeroAllocationTest.VERSION_PROPERTY, args[2]);
        }
        ZeroAllocationTest.CountingListener listener = new ZeroAllocationTest.CountingListener();
        MqttConfig config = ZeroAllocationTest.config("soak-" + ProcessHandle.current().pid(), false);
        config.outgoingSlots = 16;
        config.keepAliveSeconds = 0;
        FlashFake flash = new FlashFake(FLASH_PAGES, 4096);
        MqttClient client = new MqttClient(config, new SocketTransport("127.0.0.1", port), flash, listener,
                PacketTrace.NONE);
        byte[] topic = "tern/soak".getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[64];
        long now = now();
        client.start(now);
        long started = System.nanoTime();
        long accepted = 0;
        while (listener.completions < count) {
            now = now();
            client.poll(now);
            while (accepted < count && client.inflight() < config.outgoingSlots) {
                payload[0] = (byte) accepted;
                int result = client.publish(topic, 0, topic.length, payload, 0, payload.length, 1, false);
                if (result < 0 && result != ClientStatus.QUEUED) {
                    break; // table full: poll first
                }
                accepted++; // an id, or QUEUED before the first CONNACK: either way it will be sent
                if (result == ClientStatus.QUEUED) {
                    break;
                }
            }
            if (System.nanoTime() - started > 600_000_000_000L) {
                System.out.println("soak: gave up after 10 minutes with " + listener.completions + " acknowledged");
                System.exit(1);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Counters counters = client.counters();
        System.out.println("soak: acknowledged=" + listener.completions + " published=" + counters.published
                + " resent=" + counters.resent + " reconnects=" + counters.reconnects + " millis=" + millis);
        System.out.println(wear(flash, listener.completions));
        client.disconnect(now);
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }

    /** {@code soak: flash erases=E per1000messages=R perPageMin=A perPageMax=B pages=P}. */
    static String wear(FlashFake flash, long messages) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int page = 0; page < FLASH_PAGES; page++) {
            min = Math.min(min, flash.erases(page));
            max = Math.max(max, flash.erases(page));
        }
        return "soak: flash erases=" + flash.erases() + " per1000messages="
                + String.format(java.util.Locale.ROOT, "%.2f", flash.erases() * 1000.0 / Math.max(1, messages))
                + " perPageMin=" + min + " perPageMax=" + max + " pages=" + FLASH_PAGES;
    }
}
