package dev.tern.boards.bootloader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.tern.boards.definition.EraseCommand;
import dev.tern.boards.flash.FlashGeometry;
import dev.tern.boards.flash.FlashMemory;
import dev.tern.testsupport.fuzz.FuzzInput;
import dev.tern.testsupport.fuzz.GeneratedInputs;

/**
 * Fuzz target: the AN3155 command parser of the virtual ROM bootloader, fed an arbitrary host.
 * The input is a script of choices ({@link FuzzInput}): raw bytes, well-formed commands (WRITE,
 * ERASE / EXTENDED_ERASE, READ, GET*, GO, GET_CHECKSUM) with right or corrupted checksums,
 * syncs, and pauses around the 100 ms inter-byte timeout. Checked for every byte:
 * <ul>
 * <li>{@code accept} never throws;</li>
 * <li>the flash changes only on the last byte of a well-formed WRITE or erase frame that the
 * bootloader answers with ACK, and exactly as that frame says, checked by an independent reading
 * of the bytes just sent: a WRITE of N+1 bytes (a multiple of 4, at an aligned flash address,
 * address XOR and data checksum right) clears bits only in its range ({@code old & data}); an
 * erase sets only its pages (all of them for a global or mass erase) to 0xFF;</li>
 * <li>it stays responsive: after the script and a pause longer than the inter-byte timeout, 0x7F
 * gets ACK or NACK and GET gets its full answer, whatever state the script left it in.</li>
 * </ul>
 */
class An3155BootloaderFuzzTest {

    private static final int ACK = An3155.ACK;
    private static final int NACK = An3155.NACK;
    private static final long FLASH = 0x0800_0000L;
    private static final long RAM = 0x2000_0000L;
    private static final int PAGES = 8;
    private static final int PAGE_SIZE = 256;
    private static final long TIMEOUT_MS = 100;
    private static final int MAX_BYTES = 4_000;
    private static FlashMemory flash;

    @FuzzTest(maxDuration = "30s")
    void hostStream(byte[] data) throws IOException {
        check(data);
    }

    @Test
    void generatedInputsKeepEveryProperty() {
        GeneratedInputs.run("An3155BootloaderFuzzTest", 20261131L, 2_000, 300,
                GeneratedInputs.corpus(An3155BootloaderFuzzTest.class, "hostStream"), An3155BootloaderFuzzTest::check);
    }

    static void check(byte[] data) throws IOException {
        new Session(new FuzzInput(data)).run();
    }

    /** One flash for the whole run (a file each time would cost more than the bytes fed), erased per input. */
    private static synchronized FlashMemory flash() throws IOException {
        if (flash == null) {
            Path folder = Files.createTempDirectory("an3155-fuzz");
            folder.toFile().deleteOnExit();
            Path file = folder.resolve("flash.bin");
            file.toFile().deleteOnExit();
            flash = FlashMemory.open(file, FlashGeometry.uniform(FLASH, PAGES, PAGE_SIZE));
        }
        flash.restorePower();
        flash.eraseAll();
        byte[] pattern = new byte[PAGES * PAGE_SIZE];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i % 3 == 0 ? 0xFF : i * 37);
        }
        flash.program(FLASH, pattern, 0, pattern.length);
        return flash;
    }

    private static final class Session {

        private final FuzzInput in;
        private final AtomicLong now = new AtomicLong(1_000);
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final FlashMemory memory;
        private final An3155Bootloader bootloader;
        private final EraseCommand erase;
        private final int bank2;
        private final byte[] trail = new byte[MAX_BYTES + 600];
        private int fed;

        Session(FuzzInput in) throws IOException {
            this.in = in;
            memory = flash();
            erase = in.bool() ? EraseCommand.EXTENDED_ERASE : EraseCommand.ERASE;
            bank2 = in.bool() ? PAGES / 2 : BootloaderConfig.SINGLE_BANK;
            BootloaderConfig config = BootloaderConfig.of(0x449, erase).ram(RAM, 256).getChecksum(in.bool())
                    .interByteTimeout(TIMEOUT_MS, now::get);
            if (bank2 > 0) {
                config = config.dualBank(bank2);
            }
            bootloader = new An3155Bootloader(config, memory, out);
        }

        void run() throws IOException {
            while (!in.isEmpty() && fed < MAX_BYTES) {
                switch (in.choose(10)) {
                    case 0, 1 -> feed(in.bytes(16));
                    case 2, 3 -> feed(maybeCorrupt(write()));
                    case 4 -> feed(maybeCorrupt(eraseFrame()));
                    case 5 -> feed(maybeCorrupt(otherCommand()));
                    case 6 -> now.addAndGet(in.u8() * 2L); // 0..510 ms: around the 100 ms timeout
                    case 7 -> feed(new byte[] {(byte) An3155.SYNC});
                    default -> feed(new byte[] {(byte) in.u8(), (byte) in.u8()});
                }
            }
            staysResponsive();
        }

        private void staysResponsive() throws IOException {
            now.addAndGet(TIMEOUT_MS + 1);
            out.reset();
            bootloader.accept(An3155.SYNC);
            byte[] sync = out.toByteArray();
            assertTrue(sync.length == 1 && (sync[0] == ACK || sync[0] == NACK), "0x7F answered " + hex(sync));
            out.reset();
            bootloader.accept(An3155.GET);
            bootloader.accept(An3155.GET ^ 0xFF);
            byte[] get = out.toByteArray();
            assertTrue(get.length > 3 && get[0] == ACK && get.length == (get[1] & 0xFF) + 4 && get[get.length - 1] == ACK,
                    "GET answered " + hex(get));
        }

        private byte[] write() {
            int length = 4 * (1 + in.choose(8)); // 4..32 bytes
            long address = FLASH + ((in.u16() % (PAGES * PAGE_SIZE + 64)) & ~3);
            if (in.choose(8) == 0) {
                address = RAM + 4 * in.choose(64);
            }
            byte[] frame = new byte[2 + 5 + 1 + length + 1];
            frame[0] = (byte) An3155.WRITE_MEMORY;
            frame[1] = (byte) (An3155.WRITE_MEMORY ^ 0xFF);
            putAddress(frame, 2, address);
            frame[7] = (byte) (length - 1);
            int xor = length - 1;
            for (int i = 0; i < length; i++) {
                frame[8 + i] = (byte) in.u8();
                xor ^= frame[8 + i];
            }
            frame[8 + length] = (byte) xor;
            return frame;
        }

        private byte[] eraseFrame() {
            if (erase == EraseCommand.ERASE) {
                if (in.choose(4) == 0) {
                    return new byte[] {(byte) An3155.ERASE, (byte) (An3155.ERASE ^ 0xFF), (byte) 0xFF, 0x00};
                }
                int count = 1 + in.choose(3);
                byte[] frame = new byte[2 + 1 + count + 1];
                frame[0] = (byte) An3155.ERASE;
                frame[1] = (byte) (An3155.ERASE ^ 0xFF);
                frame[2] = (byte) (count - 1);
                int xor = count - 1;
                for (int i = 0; i < count; i++) {
                    frame[3 + i] = (byte) in.choose(PAGES + 2);
                    xor ^= frame[3 + i];
                }
                frame[3 + count] = (byte) xor;
                return frame;
            }
            if (in.choose(4) == 0) {
                int special = 0xFFFF - in.choose(4); // mass, bank 1, bank 2, reserved
                return new byte[] {(byte) An3155.EXTENDED_ERASE, (byte) (An3155.EXTENDED_ERASE ^ 0xFF),
                    (byte) (special >> 8), (byte) special, (byte) ((special >> 8) ^ special)};
            }
            int count = 1 + in.choose(3);
            byte[] frame = new byte[2 + 2 + 2 * count + 1];
            frame[0] = (byte) An3155.EXTENDED_ERASE;
            frame[1] = (byte) (An3155.EXTENDED_ERASE ^ 0xFF);
            frame[3] = (byte) (count - 1);
            int xor = count - 1;
            for (int i = 0; i < count; i++) {
                int page = in.choose(PAGES + 2);
                frame[4 + 2 * i + 1] = (byte) page;
                xor ^= page;
            }
            frame[frame.length - 1] = (byte) xor;
            return frame;
        }

        private byte[] otherCommand() {
            int[] codes = {An3155.GET, An3155.GET_VERSION, An3155.GET_ID, An3155.READ_MEMORY, An3155.GO,
                An3155.GET_CHECKSUM, An3155.WRITE_PROTECT, An3155.READOUT_UNPROTECT};
            int code = codes[in.choose(codes.length)];
            long address = in.bool() ? FLASH + (in.u16() % (PAGES * PAGE_SIZE / 4)) * 4L : RAM + in.choose(64) * 4L;
            byte[] frame = new byte[2 + 5 + 2 + 5 + 5 + 5];
            frame[0] = (byte) code;
            frame[1] = (byte) (code ^ 0xFF);
            if (code != An3155.READ_MEMORY && code != An3155.GO && code != An3155.GET_CHECKSUM) {
                return Arrays.copyOf(frame, 2);
            }
            putAddress(frame, 2, address);
            if (code == An3155.GO) {
                return Arrays.copyOf(frame, 7);
            }
            if (code == An3155.READ_MEMORY) {
                int n = in.u8();
                frame[7] = (byte) n;
                frame[8] = (byte) (n ^ 0xFF);
                return Arrays.copyOf(frame, 9);
            }
            putAddress(frame, 7, 4L * (1 + in.choose(64))); // size
            putAddress(frame, 12, 0x04C11DB7L);              // polynomial
            putAddress(frame, 17, 0xFFFFFFFFL);              // initial value
            return Arrays.copyOf(frame, 22);
        }

        private byte[] maybeCorrupt(byte[] frame) {
            if (in.choose(4) == 0) {
                frame[in.u8() % frame.length] ^= (byte) (1 + in.choose(255));
            }
            return frame;
        }

        private static void putAddress(byte[] frame, int at, long address) {
            int xor = 0;
            for (int i = 0; i < 4; i++) {
                frame[at + i] = (byte) (address >>> (24 - 8 * i));
                xor ^= frame[at + i];
            }
            frame[at + 4] = (byte) xor;
        }

        private void feed(byte[] bytes) throws IOException {
            for (byte b : bytes) {
                if (fed >= MAX_BYTES) {
                    return;
                }
                byte[] before = contents();
                int answered = out.size();
                bootloader.accept(b & 0xFF);
                trail[fed++] = b;
                byte[] after = contents();
                if (!Arrays.equals(before, after)) {
                    byte[] answer = out.toByteArray();
                    assertTrue(answer.length > answered && answer[answer.length - 1] == ACK,
                            "flash changed without an ACK, after " + hex(Arrays.copyOf(trail, fed)));
                    if (!explainedByWrite(before, after) && !explainedByErase(before, after)) {
                        fail("flash changed, and the last bytes sent are no WRITE or erase that asks for it: "
                                + hex(Arrays.copyOfRange(trail, Math.max(0, fed - 40), fed)));
                    }
                }
                if (out.size() > 1 << 16) {
                    out.reset();
                }
            }
        }

        private byte[] contents() {
            byte[] bytes = new byte[PAGES * PAGE_SIZE];
            try {
                memory.read(FLASH, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes;
        }

        private int at(int fromEnd) {
            return trail[fed - fromEnd] & 0xFF;
        }

        /** 0x31 0xCE, address and XOR, N, N+1 bytes, checksum: the tail of what was sent. */
        private boolean explainedByWrite(byte[] before, byte[] after) {
            for (int n = 3; n < 256; n += 4) {
                int length = n + 10;
                if (fed < length || at(n + 3) != n || at(length) != An3155.WRITE_MEMORY || at(length - 1) != 0xCE) {
                    continue;
                }
                int a = fed - length + 2;
                long address = 0;
                int xor = 0;
                for (int i = 0; i < 4; i++) {
                    address = address << 8 | (trail[a + i] & 0xFF);
                    xor ^= trail[a + i] & 0xFF;
                }
                if (xor != (trail[a + 4] & 0xFF) || (address & 3) != 0 || address < FLASH
                        || address + n + 1 > FLASH + PAGES * PAGE_SIZE) {
                    continue;
                }
                int dataStart = fed - n - 2;
                int sum = n;
                for (int i = 0; i < n + 1; i++) {
                    sum ^= trail[dataStart + i] & 0xFF;
                }
                if (sum != at(1)) {
                    continue;
                }
                byte[] expected = before.clone();
                int offset = (int) (address - FLASH);
                for (int i = 0; i < n + 1; i++) {
                    expected[offset + i] &= trail[dataStart + i];
                }
                assertArrayEquals(expected, after, "a WRITE of " + (n + 1) + " bytes at 0x" + Long.toHexString(address)
                        + " changed other bytes, or not as programming does");
                return true;
            }
            return false;
        }

        /** ERASE (0x43) or EXTENDED_ERASE (0x44) with its page list or special code: the tail of what was sent. */
        private boolean explainedByErase(byte[] before, byte[] after) {
            boolean[] pages = new boolean[PAGES];
            boolean found = false;
            if (fed >= 4 && at(4) == An3155.ERASE && at(3) == 0xBC && at(2) == 0xFF && at(1) == 0x00) {
                Arrays.fill(pages, true);
                found = true;
            }
            for (int n = 0; !found && n < 255 && fed >= n + 5; n++) {
                int length = n + 5;
                if (at(length) != An3155.ERASE || at(length - 1) != 0xBC || at(length - 2) != n) {
                    continue;
                }
                int xor = n;
                boolean inRange = true;
                for (int i = 0; i <= n; i++) {
                    int page = at(length - 3 - i);
                    xor ^= page;
                    inRange &= page < PAGES;
                }
                if (xor == at(1) && inRange) {
                    for (int i = 0; i <= n; i++) {
                        pages[at(length - 3 - i)] = true;
                    }
                    found = true;
                }
            }
            if (!found && fed >= 5 && at(5) == An3155.EXTENDED_ERASE && at(4) == 0xBB && at(3) == 0xFF
                    && (at(3) ^ at(2)) == at(1)) {
                int special = 0xFF00 | at(2);
                int first = special == 0xFFFF ? 0 : special == 0xFFFE ? 0 : bank2;
                int end = special == 0xFFFE ? bank2 : PAGES;
                if (special >= 0xFFFD && (special == 0xFFFF || bank2 > 0)) {
                    Arrays.fill(pages, first, end, true);
                    found = true;
                }
            }
            for (int n = 0; !found && n < 64 && fed >= 2 * n + 7; n++) {
                int length = 2 * n + 7;
                if (at(length) != An3155.EXTENDED_ERASE || at(length - 1) != 0xBB
                        || (at(length - 2) << 8 | at(length - 3)) != n) {
                    continue;
                }
                int xor = at(length - 2) ^ at(length - 3);
                boolean inRange = true;
                boolean[] listed = new boolean[PAGES];
                for (int i = 0; i <= n; i++) {
                    int hi = at(length - 4 - 2 * i);
                    int lo = at(length - 5 - 2 * i);
                    xor ^= hi ^ lo;
                    int page = hi << 8 | lo;
                    inRange &= page < PAGES;
                    if (page < PAGES) {
                        listed[page] = true;
                    }
                }
                if (xor == at(1) && inRange) {
                    pages = listed;
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
            for (int i = 0; i < before.length; i++) {
                int expected = pages[i / PAGE_SIZE] ? 0xFF : before[i] & 0xFF;
                assertEquals(expected, after[i] & 0xFF, "erase changed byte " + i + " outside its pages, or left it");
            }
            return true;
        }

        private static String hex(byte[] bytes) {
            StringBuilder text = new StringBuilder();
            for (byte b : bytes) {
                text.append(String.format("%02X ", b & 0xFF));
            }
            return text.toString().trim();
        }
    }
}
