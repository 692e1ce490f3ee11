package dev.tern.bench.wirebytes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.tern.hal.Transport;

class CountingTransportTest {

    /** Takes everything written, reads nothing. */
    private static final class Sink implements Transport {
        @Override
        public int connect() {
            return CONNECTED;
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

    private static final byte[] CONNECT_V5 = {
        0x10, 0x10,                         // CONNECT, remaining length 16
        0x00, 0x04, 'M', 'Q', 'T', 'T',     // protocol name
        0x05,                               // protocol version 5
        0x02, 0x00, 0x3C,                   // clean start, keep alive 60
        0x00,                               // no properties
        0x00, 0x03, 'a', 'b', 'c',          // client id "abc"
    };

    @Test
    void readsTheProtocolVersionOfTheConnectEvenWhenWrittenInPieces() {
        CountingTransport transport = new CountingTransport(new Sink());
        assertEquals(-1, transport.connectVersion(), "nothing written yet");
        transport.write(CONNECT_V5, 0, 5);
        assertEquals(-1, transport.connectVersion(), "the version byte not written yet");
        transport.write(CONNECT_V5, 5, CONNECT_V5.length - 5);
        assertEquals(5, transport.connectVersion());
        assertEquals(CONNECT_V5.length, transport.written());
    }

    @Test
    void aConnectWithATwoByteRemainingLengthStillGivesItsVersion() {
        byte[] connect = CONNECT_V5.clone();
        byte[] longer = new byte[connect.length + 1];
        longer[0] = 0x10;
        longer[1] = (byte) 0x80; // 128: 0x80 0x01
        longer[2] = 0x01;
        System.arraycopy(connect, 2, longer, 3, connect.length - 2);
        longer[9] = 0x04;
        CountingTransport transport = new CountingTransport(new Sink());
        transport.write(longer, 0, longer.length);
        assertEquals(4, transport.connectVersion());
    }
}
