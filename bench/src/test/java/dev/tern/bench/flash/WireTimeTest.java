package dev.tern.bench.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The wire-time limit's arithmetic on sizes worked out by hand. */
class WireTimeTest {

    @Test
    void aWholeBlockCostsTwelveBytesOfProtocolEachWay() {
        assertEquals(1, WireTime.blocks(256));
        assertEquals(268, WireTime.writeBytes(256));
        assertEquals(268, WireTime.readBackBytes(256));
    }

    @Test
    void aPartLastBlockStillCostsAWholeCommand() {
        assertEquals(2, WireTime.blocks(300));
        assertEquals(300 + 24, WireTime.writeBytes(300));
    }

    @Test
    void twoHundredFiftySixKibAt115200TakeAbout24SecondsToWriteAnd48WithReadBack() {
        long image = 256 * 1024;
        assertEquals(1024, WireTime.blocks(image));
        assertEquals(262_144 + 12_288, WireTime.writeBytes(image));
        assertEquals(274_432 * 10 / 115_200.0, WireTime.seconds(WireTime.writeBytes(image), 115_200), 1e-9);
        assertEquals(47.644, WireTime.seconds(WireTime.writeBytes(image) + WireTime.readBackBytes(image), 115_200), 0.001);
    }
}
