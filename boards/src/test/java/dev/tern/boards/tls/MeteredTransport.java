package dev.tern.boards.tls;

import dev.tern.hal.Transport;
import dev.tern.testsupport.AllocationMeter;

/** A transport that counts the bytes its calls allocate on the calling thread: the transport's share of a run. */
final class MeteredTransport implements Transport {

    private final Transport inner;
    private final AllocationMeter meter;
    private long allocated;

    MeteredTransport(Transport inner, AllocationMeter meter) {
        this.inner = inner;
        this.meter = meter;
    }

    /** Bytes allocated inside this transport's calls so far. */
    long allocated() {
        return allocated;
    }

    @Override
    public int connect() {
        long before = meter.allocatedBytes();
        int result = inner.connect();
        allocated += meter.allocatedBytes() - before;
        return result;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        long before = meter.allocatedBytes();
        int result = inner.read(buffer, offset, length);
        allocated += meter.allocatedBytes() - before;
        return result;
    }

    @Override
    public int write(byte[] buffer, int offset, int length) {
        long before = meter.allocatedBytes();
        int result = inner.write(buffer, offset, length);
        allocated += meter.allocatedBytes() - before;
        return result;
    }

    @Override
    public void close() {
        inner.close();
    }
}
