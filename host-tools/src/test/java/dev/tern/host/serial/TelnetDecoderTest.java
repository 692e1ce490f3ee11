package dev.tern.host.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TelnetDecoderTest {

    private final List<String> events = new ArrayList<>();
    private final TelnetDecoder decoder = new TelnetDecoder(new TelnetDecoder.Listener() {
        @Override
        public void onNegotiation(int verb, int option) {
            events.add(verb + "/" + option);
        }

        @Override
        public void onSubnegotiation(int option, byte[] bytes, int length) {
            events.add("SB " + option + " " + Arrays.toString(Arrays.copyOf(bytes, length)));
        }
    });

    /** What ser2net sent on connect, then 'A', an answer to SET-BAUDRATE 57600, 'B'. */
    private static final byte[] SER2NET_GREETING_AND_DATA = {
        (byte) 0xFF, (byte) 0xFB, 0x03,                       // IAC WILL SUPPRESS-GO-AHEAD
        (byte) 0xFF, (byte) 0xFD, 0x2C,                       // IAC DO COM-PORT-OPTION
        0x41,                                                 // data 'A'
        (byte) 0xFF, (byte) 0xFA, 0x2C,                       // IAC SB COM-PORT-OPTION
        0x65,                                                 //   SET-BAUDRATE answer (1 + 100)
        0x00, 0x00, (byte) 0xE1, 0x00,                        //   57600, big-endian
        (byte) 0xFF, (byte) 0xF0,                             // IAC SE
        0x42                                                  // data 'B'
    };

    @Test
    void negotiationsAndAnswersAreTakenOutAndTheDataAroundThemKept() {
        byte[] data = new byte[SER2NET_GREETING_AND_DATA.length];

        int count = decoder.decode(SER2NET_GREETING_AND_DATA, 0, SER2NET_GREETING_AND_DATA.length, data, 0);

        assertArrayEquals(new byte[] {'A', 'B'}, Arrays.copyOf(data, count));
        assertEquals(List.of(Telnet.WILL + "/3", Telnet.DO + "/44", "SB 44 [101, 0, 0, -31, 0]"), events);
    }

    @Test
    void anyChunkingGivesTheSameResult() {
        for (int split = 1; split < SER2NET_GREETING_AND_DATA.length; split++) {
            events.clear();
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            byte[] out = new byte[SER2NET_GREETING_AND_DATA.length];
            for (int offset = 0; offset < SER2NET_GREETING_AND_DATA.length; offset += split) {
                int length = Math.min(split, SER2NET_GREETING_AND_DATA.length - offset);
                data.write(out, 0, decoder.decode(SER2NET_GREETING_AND_DATA, offset, length, out, 0));
            }
            assertArrayEquals(new byte[] {'A', 'B'}, data.toByteArray(), "chunks of " + split);
            assertEquals(3, events.size(), "chunks of " + split + ": " + events);
        }
    }

    @Test
    void aDoubledIacIsOneFfDataByteAndAnotherCommandIsDropped() {
        byte[] in = {
            0x01,
            (byte) 0xFF, (byte) 0xFF,                         // IAC IAC: data 0xFF
            (byte) 0xFF, (byte) 0xF1,                         // IAC NOP: nothing
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // two 0xFF data bytes
            0x02
        };
        byte[] out = new byte[in.length];

        int count = decoder.decode(in, 0, in.length, out, 0);

        assertArrayEquals(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 2}, Arrays.copyOf(out, count));
        assertEquals(List.of(), events);
    }

    @Test
    void aDoubledIacInsideASubnegotiationIsOneFfValueByte() {
        byte[] in = {
            (byte) 0xFF, (byte) 0xFA, 0x2C, 0x65,              // IAC SB COM-PORT SET-BAUDRATE answer
            0x00, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // 0x0001FFFF, each FF doubled
            (byte) 0xFF, (byte) 0xF0                           // IAC SE
        };

        assertEquals(0, decoder.decode(in, 0, in.length, new byte[in.length], 0));
        assertEquals(List.of("SB 44 [101, 0, 1, -1, -1]"), events);
    }
}
