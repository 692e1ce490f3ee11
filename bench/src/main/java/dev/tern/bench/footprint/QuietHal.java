package dev.tern.bench.footprint;

import java.util.Arrays;

import dev.tern.hal.NonVolatileStorage;
import dev.tern.hal.Transport;
import dev.tern.mqtt.client.IncomingMessage;
import dev.tern.mqtt.client.MqttListener;

/**
 * Field-less stand-ins for what the engine is given, so an engine's retained heap is the
 * engine's alone: a transport that never connects, flash that reads erased and keeps nothing
 * (flash is not RAM), and a listener that ignores every callback.
 */
final class QuietHal {

    private QuietHal() {
    }

    static final class NoTransport implements Transport {
        @Override
        public int connect() {
            return IN_PROGRESS;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return 0;
        }

        @Override
        public int write(byte[] buffer, int offset, int length) {
            return length;
        }

        @Override
        public void close() {
        }
    }

    /** Session flash of {@code size} bytes in pages of {@code pageSize}: always erased, writes kept nowhere. */
    static final class ErasedFlash implements NonVolatileStorage {
        private final int size;
        private final int pageSize;

        ErasedFlash(int size, int pageSize) {
            this.size = size;
            this.pageSize = pageSize;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int pageSize() {
            return pageSize;
        }

        @Override
        public int read(int address, byte[] destination, int offset, int length) {
            if (address < 0 || length < 0 || address + length > size) {
                return OUT_OF_RANGE;
            }
            Arrays.fill(destination, offset, offset + length, (byte) 0xFF);
            return OK;
        }

        @Override
        public int program(int address, byte[] source, int offset, int length) {
            return address < 0 || length < 0 || address + length > size ? OUT_OF_RANGE : OK;
        }

        @Override
        public int erase(int pageIndex) {
            return pageIndex < 0 || pageIndex >= size / pageSize ? OUT_OF_RANGE : OK;
        }
    }

    static final class NoListener implements MqttListener {
        @Override
        public void onMessage(IncomingMessage message) {
        }

        @Override
        public void onPublishComplete(int packetId, int status) {
        }

        @Override
        public void onUnsubscribed(int packetId, int reasonCode) {
        }

        @Override
        public void onReceiveComplete(int packetId) {
        }

        @Override
        public void onSubscribed(int packetId, int subscriptionIndex, int grantedQos) {
        }

        @Override
        public void onConnectionChanged(boolean connected, boolean sessionPresent, int status) {
        }
    }
}
