package dev.tern.host.flash.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.host.flash.protocol.BootloaderIdentity;
import dev.tern.host.flash.protocol.FlashMismatchException;
import dev.tern.host.flash.protocol.NoBootloaderAnswerException;
import dev.tern.host.serial.FakeSerialLink;
import dev.tern.host.serial.LineSettings;
import dev.tern.host.serial.PortGoneException;

/** EspRomSession against a scripted ESP32 ROM loader over an in-memory serial pair. */
@Timeout(60)
class EspRomSessionTest {

    private static final FlashGeometry GEOMETRY = new BoardLoader().load("esp-wrover-kit").flash().geometry();
    private static final LineSettings ROM_LINE = LineSettings.of8N1(115200);
    private static final long APP = 0x2A0000L;

    private final FakeSerialLink[] pair = FakeSerialLink.pair("/dev/ttyFAKE");
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private EspRomPeer peer;

    @AfterEach
    void stop() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    private EspRomSession session(Integer baud, boolean compress) throws IOException {
        pair[0].configure(ROM_LINE);
        return new EspRomSession(new EspRomClient(pair[0]), GEOMETRY,
                EspRomSession.Settings.of(ROM_LINE, baud).withCompress(compress).withSyncAttempts(3), notices::add);
    }

    @Test
    void identifiesTheEsp32ByItsMagicWordAttachesTheFlashAndRaisesTheBaud() throws IOException {
        peer = EspRomPeer.on(pair);
        BootloaderIdentity identity = session(921600, true).identify();
        assertEquals(0x00F01D83L, identity.chipId());
        assertEquals("READ_REG 0x40001000", identity.chipQuery());
        assertEquals("921600 baud, FLASH_DEFL (deflate), SPI_FLASH_MD5", identity.details());
        assertEquals(921600, peer.baud(), "the ROM was told the new speed (the clock reads 40 MHz: no correction)");
        assertEquals(921600, pair[0].settings().baud(), "and the host's end follows");
        List<String> commands = peer.commands();
        int syncs = 0;
        while ("SYNC".equals(commands.get(syncs))) {
            syncs++; // on a loaded machine an answer may take longer than SYNC's 100 ms: SYNC again, as esptool does
        }
        assertTrue(syncs >= 1, commands.toString());
        assertEquals(List.of("READ_REG", "SPI_ATTACH", "SPI_SET_PARAMS", "READ_REG", "READ_REG", "CHANGE_BAUDRATE"),
                commands.subList(syncs, syncs + 6), commands.toString());
    }

    @Test
    void theFalseBaudCorrectsForTheRomsMiscalibratedClockAsEsptoolDoes() {
        assertEquals(921600, EspBaudRate.falseBaud(921600, 40_000_000));
        // a ROM that measured its clock 2.5 % fast is told a 2.5 % higher rate
        assertEquals(944640, EspBaudRate.falseBaud(921600, 41_000_000));
        assertEquals(921600, EspBaudRate.falseBaud(921600, 0), "no calibration to read: the baud as asked");
    }

    @Test
    void aLineThatLosesAnswersAt921600FallsBackTo460800AndSaysSo() throws IOException {
        peer = EspRomPeer.on(pair).answersLostAbove(460800);
        BootloaderIdentity identity = session(921600, true).identify();
        assertEquals("460800 baud (the line lost bytes at 921600 baud: fell back to 460800), FLASH_DEFL (deflate), SPI_FLASH_MD5",
                identity.details());
        assertEquals(460800, peer.baud());
        assertEquals(460800, pair[0].settings().baud());
    }

    @Test
    void aLineThatStartsLosingAnswersMidFlashStepsDownSaysSoAndTheChunkGoesAgain() throws IOException {
        peer = EspRomPeer.on(pair).answersLostAbove(460800, 5);
        EspRomSession session = session(921600, true);
        assertTrue(session.identify().details().startsWith("921600 baud, "), "the line is clean until block 5");
        byte[] image = random(40_000, 7);
        writeAsTheFlasherDoes(session, APP, image, 0, 0);
        session.flush();
        assertEquals(List.of("the line to /dev/ttyFAKE lost bytes at 921600 baud: fell back to 460800 baud"), notices);
        assertEquals(460800, peer.baud());
        assertEquals(session.expectedDigest(image), session.digest(APP, image.length));
        assertEquals(1, session.lineRetries());
    }

    @Test
    void noAnswerToSyncIsNoBootloaderAnswerAtSync() throws IOException {
        peer = EspRomPeer.on(pair).silent();
        NoBootloaderAnswerException e = assertThrows(NoBootloaderAnswerException.class, () -> session(null, true).identify());
        assertTrue(e.atSync());
        assertEquals("no answer from the ESP32 ROM loader on /dev/ttyFAKE after 3 SYNCs", e.getMessage());
        assertEquals(3, peer.count("SYNC"));
    }

    @Test
    void aChipThatIsNotAnEsp32IsNamed() throws IOException {
        peer = EspRomPeer.on(pair).magic(0xFFF0C101);
        EspRomException e = assertThrows(EspRomException.class, () -> session(null, true).identify());
        assertTrue(e.getMessage().startsWith("the chip on /dev/ttyFAKE is an ESP8266 (its word at 0x40001000 is 0xFFF0C101; an ESP32"
                + " has 0x00F01D83), not an ESP32"), e.getMessage());
    }

    @Test
    void anUnknownMagicWordAsksGetSecurityInfoWhichTheEsp32RomRefuses() throws IOException {
        peer = EspRomPeer.on(pair).magic(0x12345678);
        EspRomException e = assertThrows(EspRomException.class, () -> session(null, true).identify());
        assertTrue(e.getMessage().startsWith("the chip on /dev/ttyFAKE is not one esptool knows (its word at 0x40001000 is 0x12345678"),
                e.getMessage());
        assertEquals(1, peer.count("GET_SECURITY_INFO"));
    }

    @Test
    void writesDeflatedChunksWithGapsLeftErasedAndTheMd5Agrees() throws IOException {
        peer = EspRomPeer.on(pair);
        Arrays.fill(peer.flash, (int) APP, (int) APP + 0x20000, (byte) 0x00); // old content: erasing must clear it
        EspRomSession session = session(null, true);
        session.identify();
        byte[] image = random(70_000, 1);
        writeAsTheFlasherDoes(session, APP, image, 20_000, 21_000);
        byte[] expected = image.clone();
        Arrays.fill(expected, 20_000, 21_000, (byte) 0xFF);
        assertEquals(session.expectedDigest(expected), session.digest(APP, expected.length));
        assertArrayEquals(expected, peer.read(APP, expected.length));
        byte[] tail = peer.read(APP + expected.length, 0x20000 - expected.length);
        byte[] blank = new byte[tail.length];
        Arrays.fill(blank, (byte) 0xFF);
        assertArrayEquals(blank, tail, "the pages asked to be erased and not written are erased too");
        assertEquals(3, peer.count("FLASH_DEFL_BEGIN"), "70 KB in 32 KB chunks: " + peer.commands());
        assertEquals(0, peer.count("FLASH_DATA"));
        assertEquals(1, peer.count("FLASH_BEGIN"), "one erase of the marked pages no write reached");
        assertEquals(0, session.blocksResent());
    }

    @Test
    void writesUncompressedWithFlashData() throws IOException {
        peer = EspRomPeer.on(pair);
        EspRomSession session = session(null, false);
        session.identify();
        byte[] image = random(5000, 2);
        writeAsTheFlasherDoes(session, APP, image, 0, 0);
        assertEquals(session.expectedDigest(image), session.digest(APP, image.length));
        assertEquals(5, peer.count("FLASH_DATA"), "5000 bytes in 1 KB blocks, the last padded: " + peer.commands());
        assertEquals(0, peer.count("FLASH_DEFL_DATA"));
    }

    @Test
    void aChunkWhoseMd5DiffersIsWrittenOnceMore() throws IOException {
        peer = EspRomPeer.on(pair).corrupt(APP + 100, 1);
        EspRomSession session = session(null, true);
        session.identify();
        byte[] image = random(4096, 3);
        writeAsTheFlasherDoes(session, APP, image, 0, 0);
        assertEquals(session.expectedDigest(image), session.digest(APP, image.length));
        assertEquals(2, peer.count("FLASH_DEFL_BEGIN"));
        assertEquals(1, session.blocksResent());
    }

    @Test
    void aChunkWhoseMd5DiffersTwiceFailsNamingItsAddress() throws IOException {
        peer = EspRomPeer.on(pair).corrupt(APP + 100, 2);
        EspRomSession session = session(null, true);
        session.identify();
        byte[] image = random(4096, 4);
        FlashMismatchException e = assertThrows(FlashMismatchException.class, () -> {
            writeAsTheFlasherDoes(session, APP, image, 0, 0);
            session.digest(APP, image.length);
        });
        assertTrue(e.getMessage().startsWith("the MD5 of 0x002A0000..0x002A1000 is "), e.getMessage());
        assertTrue(e.getMessage().endsWith("after it was written 2 times, expected " + session.expectedDigest(image)
                + ": the flash at 0x002A0000 may be worn"), e.getMessage());
    }

    @Test
    void aPortThatVanishesMidFlashIsPortGone() throws IOException {
        peer = EspRomPeer.on(pair).vanishAfterBlocks(3);
        EspRomSession session = session(null, false);
        session.identify();
        byte[] image = random(40_000, 5);
        IOException e = assertThrows(IOException.class, () -> {
            writeAsTheFlasherDoes(session, APP, image, 0, 0);
            session.digest(APP, image.length);
        });
        assertInstanceOf(PortGoneException.class, e, e.toString());
    }

    @Test
    void readsFlashBackWithReadFlashSlow64BytesACommand() throws IOException {
        peer = EspRomPeer.on(pair);
        byte[] content = random(100, 6);
        System.arraycopy(content, 0, peer.flash, (int) APP, content.length);
        EspRomSession session = session(null, true);
        session.identify();
        byte[] into = new byte[102];
        session.read(APP, into, 2, 100);
        assertArrayEquals(content, Arrays.copyOfRange(into, 2, 102));
        assertEquals(2, peer.count("READ_FLASH_SLOW"));
    }

    @Test
    void goIsEsptoolsSoftResetRunUserCode() throws IOException {
        peer = EspRomPeer.on(pair);
        EspRomSession session = session(null, true);
        session.identify();
        session.go(APP);
        List<String> commands = peer.commands();
        assertEquals(List.of("FLASH_BEGIN", "FLASH_END"), commands.subList(commands.size() - 2, commands.size()));
        assertEquals(1, peer.runUserCode());
    }

    @Test
    void afterGoTheLinkListensAtTheRomsSpeedAgainNotAtTheFlashingSpeed() throws IOException {
        peer = EspRomPeer.on(pair);
        EspRomSession session = session(921600, true);
        session.identify();
        assertEquals(921600, pair[0].settings().baud());

        session.go(APP);

        assertEquals(1, peer.runUserCode());
        assertEquals(115200, pair[0].settings().baud(), "the board's console speaks at 115200 once its code runs");
    }

    /** Erase the pages, then write the non-blank blocks in 1 KB writes, leaving out {@code [gapFrom, gapTo)}. */
    private static void writeAsTheFlasherDoes(EspRomSession session, long address, byte[] content, int gapFrom, int gapTo)
            throws IOException {
        int first = GEOMETRY.pageAt(address);
        int last = GEOMETRY.pageAt(address + 0x20000 - 1);
        for (int page = first; page <= last; page++) {
            session.erase(new int[] {page}, Duration.ofSeconds(1));
        }
        for (int at = 0; at < content.length; at += 1024) {
            int end = Math.min(content.length, at + 1024);
            if (end <= gapFrom || at >= gapTo) {
                session.write(address + at, content, at, end - at);
            } else {
                if (at < gapFrom) {
                    session.write(address + at, content, at, gapFrom - at);
                }
                if (end > gapTo) {
                    session.write(address + gapTo, content, gapTo, end - gapTo);
                }
            }
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        // half compressible, as firmware is
        for (int i = 0; i < length; i += 2) {
            bytes[i] = (byte) (i >> 6);
        }
        return bytes;
    }
}
