package dev.tern.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The codec allocates nothing once its buffers exist (docs/design.md, "Firmware rules"). Measured with
 * the per-thread allocation counter, in this JVM after warm-up and in a separate interpreter-only
 * JVM ({@code -Xint}) where no JIT escape analysis can hide an allocation.
 */
class ZeroAllocationTest {

    @Test
    void encodingAndDecodingEveryPacketAllocatesNothingAfterWarmUp() {
        assertEquals(0, CodecWorkload.allocatedBytes(20_000, 10_000));
    }

    @Test
    void encodingAndDecodingAllocatesNothingInTheInterpreter() throws Exception {
        String classpath = location(CodecWorkload.class) + File.pathSeparator + location(CodecStatus.class);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-Xint", "-cp", classpath, CodecWorkload.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        assertEquals("0", output, "bytes allocated in -Xint");
    }

    private static String location(Class<?> type) throws Exception {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }
}
