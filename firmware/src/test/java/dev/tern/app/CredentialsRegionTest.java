package dev.tern.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.tern.hal.testing.FlashFake;

/** The credentials region's format: written by the host, read and checked by the board. */
class CredentialsRegionTest {

    static final byte[] CA = filled(300, 0x30);
    static final byte[] CA2 = filled(410, 0x31);
    static final byte[] LEAF = filled(280, 0x41);
    static final byte[] KEY = filled(138, 0x5A);
    static final byte[] PIN = filled(32, 0x77);

    private final FlashFake flash = new FlashFake(2, 4096);
    private final CredentialsRegion region = new CredentialsRegion();

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (value + i % 7);
        }
        return bytes;
    }

    private void install(byte[] bytes) {
        flash.erase(0);
        flash.erase(1);
        flash.program(0, bytes, 0, bytes.length);
    }

    private static byte[] piece(byte[] bytes, int offset, int length) {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Test
    void everyPieceWrittenIsReadBackInItsOrder() {
        install(CredentialsRegion.encodeRegion(new byte[][] {CA, CA2}, new byte[][] {LEAF}, KEY, PIN, 8192));
        assertEquals(CredentialsRegion.OK, region.read(flash));
        byte[] bytes = region.bytes();
        assertEquals(2, region.caCount());
        assertArrayEquals(CA, piece(bytes, region.caOffset(0), region.caLength(0)));
        assertArrayEquals(CA2, piece(bytes, region.caOffset(1), region.caLength(1)));
        assertEquals(1, region.chainCount());
        assertArrayEquals(LEAF, piece(bytes, region.chainOffset(0), region.chainLength(0)));
        assertTrue(region.hasDeviceKey());
        assertArrayEquals(KEY, piece(bytes, region.keyOffset(), region.keyLength()));
        assertTrue(region.hasBrokerPin());
        assertArrayEquals(PIN, piece(bytes, region.pinOffset(), CredentialsRegion.PIN_LENGTH));
    }

    @Test
    void theHeaderIsMagicVersionCountLengthAndCrcAndTheRestStaysErased() {
        byte[] bytes = CredentialsRegion.encodeRegion(new byte[][] {CA}, new byte[0][], null, null, 4096);
        assertArrayEquals(new byte[] {'T', 'C', 'R', 'D', 0, 1, 0, 1, 0, 0, 0x01, 0x30}, Arrays.copyOf(bytes, 12),
                "TCRD, version 1, 1 entry, body 4 + 300 = 0x130 bytes");
        assertArrayEquals(new byte[] {1, 0, 0x01, 0x2C}, Arrays.copyOfRange(bytes, 16, 20), "type 1 (CA), 300 bytes");
        java.util.zip.CRC32 zlib = new java.util.zip.CRC32();
        zlib.update(bytes, 0, 12);
        zlib.update(bytes, 16, 0x130);
        assertEquals((int) zlib.getValue(), RegionFrame.getInt(bytes, RegionFrame.CRC_OFFSET), "zlib's CRC-32");
        for (int i = 16 + 0x130; i < bytes.length; i++) {
            assertEquals((byte) 0xFF, bytes[i], "erased at " + i);
        }
        install(bytes);
        assertEquals(CredentialsRegion.OK, region.read(flash));
        assertFalse(region.hasDeviceKey());
        assertFalse(region.hasBrokerPin());
        assertEquals(-1, region.pinOffset());
    }

    @Test
    void anErasedRegionIsBlank() {
        install(new byte[0]);
        assertEquals(CredentialsRegion.BLANK, region.read(flash));
        assertFalse(CredentialsRegion.isFailure(CredentialsRegion.BLANK));
    }

    @Test
    void aFlippedBitAnywhereInTheBodyIsABadCrcAndNothingIsKept() {
        byte[] good = CredentialsRegion.encodeRegion(new byte[][] {CA}, new byte[][] {LEAF}, KEY, null, 4096);
        int bodyLength = RegionFrame.getInt(good, RegionFrame.BODY_LENGTH_OFFSET);
        for (int at : new int[] {CredentialsRegion.HEADER_LENGTH, 200, CredentialsRegion.HEADER_LENGTH + bodyLength - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x04;
            install(bad);
            assertEquals(CredentialsRegion.BAD_CRC, region.read(flash), "bit flipped at " + at);
            assertEquals(0, region.caCount());
            assertFalse(region.hasDeviceKey());
            for (byte b : region.bytes()) {
                assertEquals(0, b, "a failed read keeps no key bytes in RAM");
            }
        }
    }

    @Test
    void aBadHeaderIsNamedForWhatIsWrong() {
        byte[] good = CredentialsRegion.encodeRegion(new byte[][] {CA}, new byte[0][], null, null, 4096);
        byte[] magic = good.clone();
        magic[3] = 'X';
        install(magic);
        assertEquals(CredentialsRegion.BAD_MAGIC, region.read(flash));
        byte[] version = good.clone();
        version[5] = 2;
        install(version);
        assertEquals(CredentialsRegion.UNSUPPORTED_VERSION, region.read(flash));
        byte[] length = good.clone();
        RegionFrame.putInt(length, RegionFrame.BODY_LENGTH_OFFSET, 8192);
        install(length);
        assertEquals(CredentialsRegion.BAD_LENGTH, region.read(flash));
        flash.failNextCalls(1);
        install(good);
        flash.failNextCalls(1);
        assertEquals(CredentialsRegion.READ_FAILED, region.read(flash));
    }

    @Test
    void entriesThatBreakTheFormatAreRefusedEvenWithAGoodCrc() {
        // a hand-made body: each case re-encodes the header's CRC so only the entries are wrong
        assertEquals(CredentialsRegion.BAD_ENTRY, readBody(1, entry(9, CA)), "unknown type");
        assertEquals(CredentialsRegion.BAD_ENTRY, readBody(2, entry(1, CA), entry(4, filled(20, 1))), "a pin of 20 bytes");
        byte[] cut = entry(1, CA);
        assertEquals(CredentialsRegion.BAD_ENTRY, readBody(1, Arrays.copyOf(cut, cut.length - 1)), "a value past the body");
        assertEquals(CredentialsRegion.BAD_ENTRY, readBody(1, entry(1, CA), entry(1, CA2)), "bytes after the last entry");
        assertEquals(CredentialsRegion.NO_CA_CERTIFICATE, readBody(1, entry(2, LEAF)), "no CA");
        assertEquals(CredentialsRegion.INCOMPLETE_DEVICE_IDENTITY, readBody(2, entry(1, CA), entry(2, LEAF)), "no key");
        assertEquals(CredentialsRegion.INCOMPLETE_DEVICE_IDENTITY, readBody(2, entry(1, CA), entry(3, KEY)), "no certificate");
        byte[][] nine = new byte[9][];
        Arrays.fill(nine, entry(1, filled(10, 3)));
        assertEquals(CredentialsRegion.TOO_MANY_CERTIFICATES, readBody(9, nine), "nine CAs");
    }

    private int readBody(int count, byte[]... entries) {
        int length = 0;
        for (byte[] e : entries) {
            length += e.length;
        }
        byte[] bytes = new byte[CredentialsRegion.HEADER_LENGTH + length];
        bytes[0] = 'T';
        bytes[1] = 'C';
        bytes[2] = 'R';
        bytes[3] = 'D';
        RegionFrame.putShort(bytes, RegionFrame.VERSION_OFFSET, 1);
        RegionFrame.putShort(bytes, RegionFrame.FIELD_OFFSET, count);
        RegionFrame.putInt(bytes, RegionFrame.BODY_LENGTH_OFFSET, length);
        int at = CredentialsRegion.HEADER_LENGTH;
        for (byte[] e : entries) {
            System.arraycopy(e, 0, bytes, at, e.length);
            at += e.length;
        }
        java.util.zip.CRC32 zlib = new java.util.zip.CRC32();
        zlib.update(bytes, 0, 12);
        zlib.update(bytes, 16, length);
        RegionFrame.putInt(bytes, RegionFrame.CRC_OFFSET, (int) zlib.getValue());
        install(bytes);
        return region.read(flash);
    }

    private static byte[] entry(int type, byte[] value) {
        byte[] e = new byte[4 + value.length];
        e[0] = (byte) type;
        RegionFrame.putShort(e, 2, value.length);
        System.arraycopy(value, 0, e, 4, value.length);
        return e;
    }

    @Test
    void theWriterRefusesWhatTheReaderWouldRefuseAndWhatDoesNotFit() {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> CredentialsRegion.encodeRegion(new byte[][] {CA}, new byte[][] {LEAF}, KEY, null, 512));
        assertEquals("credentials: " + (16 + 4 + 300 + 4 + 280 + 4 + 138) + " bytes do not fit the credentials region of 512 bytes",
                big.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CredentialsRegion.encodeRegion(new byte[0][], new byte[0][], null, null, 4096), "no CA");
        assertThrows(IllegalArgumentException.class,
                () -> CredentialsRegion.encodeRegion(new byte[][] {CA}, new byte[][] {LEAF}, null, null, 4096), "no key");
        assertThrows(IllegalArgumentException.class,
                () -> CredentialsRegion.encodeRegion(new byte[][] {CA}, new byte[0][], null, filled(31, 0), 4096), "short pin");
    }
}
