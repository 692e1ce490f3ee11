package dev.tern.testsupport.fuzz;

/**
 * Reads a fuzz input as a sequence of choices, for targets that build a structured scenario
 * (broker streams, bootloader sessions) out of raw bytes. Deterministic, and total: once the
 * bytes run out every choice reads as 0, so any input, even an empty one, is a scenario.
 * Jazzer's {@code @FuzzTest(byte[])} and the generated inputs of {@link GeneratedInputs} feed the
 * same bytes, so a failure from either replays the same way.
 */
public final class FuzzInput {

    private final byte[] data;
    private int position;

    public FuzzInput(byte[] data) {
        this.data = data;
    }

    /** Bytes not read yet. */
    public int remaining() {
        return data.length - position;
    }

    public boolean isEmpty() {
        return position >= data.length;
    }

    /** One byte, 0..255; 0 once the input is used up. */
    public int u8() {
        return position < data.length ? data[position++] & 0xFF : 0;
    }

    /** Two bytes, big-endian, 0..65535. */
    public int u16() {
        return u8() << 8 | u8();
    }

    /** 0..{@code n - 1}, from one byte ({@code n} at most 256). */
    public int choose(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("n=" + n);
        }
        return u8() % n;
    }

    public boolean bool() {
        return (u8() & 1) != 0;
    }

    /** A length byte, then that many bytes (at most {@code max}; fewer when the input ends). */
    public byte[] bytes(int max) {
        int length = Math.min(u8() % (max + 1), remaining());
        byte[] bytes = new byte[length];
        System.arraycopy(data, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    /** Everything not read yet. */
    public byte[] rest() {
        byte[] bytes = new byte[remaining()];
        System.arraycopy(data, position, bytes, 0, bytes.length);
        position = data.length;
        return bytes;
    }
}
