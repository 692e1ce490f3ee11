package dev.tern.testsupport.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The bounded part of a fuzz target that runs in every {@code mvn verify}: a fixed number of
 * inputs from a seeded {@link Random}, fed through the same check the {@code @FuzzTest} uses.
 * Most inputs are mutations of the target's seed corpus (bit flips, boundary bytes, inserted,
 * deleted, duplicated and spliced runs, truncations); the rest are random bytes. Bounded by
 * count, never by time, and the same inputs every run: a failure names the input and writes it
 * to {@code target/fuzz-failures/}, ready to be added to the corpus as a reproducer.
 */
public final class GeneratedInputs {

    /** The property a fuzz target checks for one input; throws (an AssertionError) when it fails. */
    @FunctionalInterface
    public interface Check {
        void check(byte[] input) throws Exception;
    }

    private static final int[] BOUNDARY = {0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF, 0x10, 0x30, 0x62};

    private GeneratedInputs() {
    }

    /**
     * The seed corpus Jazzer runs in regression mode: the files in the test resources folder
     * {@code <package path>/<TestClass>Inputs/<method>/}, sorted by name. Empty when there is none.
     */
    public static List<byte[]> corpus(Class<?> testClass, String method) {
        URL folder = testClass.getResource(testClass.getSimpleName() + "Inputs/" + method);
        if (folder == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Paths.get(folder.toURI()))) {
            List<byte[]> inputs = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                inputs.add(Files.readAllBytes(file));
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code check} on {@code count} inputs of at most {@code maxLength} bytes generated
     * from {@code seed} and {@code corpus}; returns how many ran (all of them, or it throws).
     */
    public static int run(String target, long seed, int count, int maxLength, List<byte[]> corpus, Check check) {
        Random random = new Random(seed);
        for (int n = 0; n < count; n++) {
            byte[] input = next(random, corpus, maxLength);
            try {
                check.check(input);
            } catch (Throwable failure) {
                Path saved = save(target, n, input);
                throw new AssertionError(target + ": generated input " + n + " of seed " + seed + " fails ("
                        + failure + "); saved as " + saved + "; bytes: " + HexFormat.of().formatHex(input), failure);
            }
        }
        return count;
    }

    static byte[] next(Random random, List<byte[]> corpus, int maxLength) {
        if (corpus.isEmpty() || random.nextInt(8) == 0) {
            byte[] bytes = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(bytes);
            return bytes;
        }
        byte[] input = corpus.get(random.nextInt(corpus.size())).clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            input = mutate(random, input, corpus, maxLength);
        }
        return input;
    }

    private static byte[] mutate(Random random, byte[] input, List<byte[]> corpus, int maxLength) {
        int length = input.length;
        switch (random.nextInt(8)) {
            case 0: // flip one bit
                if (length > 0) {
                    input[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
                }
                return input;
            case 1: // a boundary value
                if (length > 0) {
                    input[random.nextInt(length)] = (byte) BOUNDARY[random.nextInt(BOUNDARY.length)];
                }
                return input;
            case 2: // a random byte
                if (length > 0) {
                    input[random.nextInt(length)] = (byte) random.nextInt(256);
                }
                return input;
            case 3: { // insert random bytes
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                return splice(input, random.nextInt(length + 1), 0, inserted, maxLength);
            }
            case 4: { // delete a run
                if (length == 0) {
                    return input;
                }
                int at = random.nextInt(length);
                return splice(input, at, 1 + random.nextInt(Math.min(16, length - at)), new byte[0], maxLength);
            }
            case 5: // truncate
                return length == 0 ? input : Arrays.copyOf(input, random.nextInt(length));
            case 6: { // duplicate a run in place
                if (length == 0) {
                    return input;
                }
                int at = random.nextInt(length);
                int run = 1 + random.nextInt(Math.min(32, length - at));
                return splice(input, at, 0, Arrays.copyOfRange(input, at, at + run), maxLength);
            }
            default: { // splice in part of another seed
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                if (other.length == 0) {
                    return input;
                }
                int from = random.nextInt(other.length);
                int run = 1 + random.nextInt(other.length - from);
                return splice(input, random.nextInt(length + 1), 0, Arrays.copyOfRange(other, from, from + run),
                        maxLength);
            }
        }
    }

    private static byte[] splice(byte[] input, int at, int removed, byte[] inserted, int maxLength) {
        int length = Math.min(maxLength, input.length - removed + inserted.length);
        byte[] result = new byte[length];
        byte[] whole = new byte[input.length - removed + inserted.length];
        System.arraycopy(input, 0, whole, 0, at);
        System.arraycopy(inserted, 0, whole, at, inserted.length);
        System.arraycopy(input, at + removed, whole, at + inserted.length, input.length - at - removed);
        System.arraycopy(whole, 0, result, 0, length);
        return result;
    }

    private static Path save(String target, int n, byte[] input) {
        try {
            Path folder = Paths.get("target", "fuzz-failures");
            Files.createDirectories(folder);
            Path file = folder.resolve(target + "-" + n + ".bin");
            Files.write(file, input);
            return file.toAbsolutePath();
        } catch (IOException e) {
            return Paths.get("(not saved: " + e.getMessage() + ")");
        }
    }
}
