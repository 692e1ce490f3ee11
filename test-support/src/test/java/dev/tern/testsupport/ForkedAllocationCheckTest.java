package dev.tern.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkedAllocationCheckTest {

    private static final int WARMUP = 100;
    private static final int ITERATIONS = 1_000;

    /** Allocates a byte[64] per step and keeps it reachable. */
    static final class AllocatesAnArrayPerStep implements AllocationScenario {
        static Object blackhole;

        @Override
        public void runOnce() {
            blackhole = new byte[64];
        }
    }

    /** Works on state made at construction: no allocation per step. */
    static final class WorksInPreallocatedState implements AllocationScenario {
        private final long[] totals = new long[8];
        private int step;

        @Override
        public void runOnce() {
            totals[step & 7] += step;
            step++;
        }
    }

    /** Needs a test-scope jar: under surefire the fork must get the whole test class path. */
    static final class UsesATestDependency implements AllocationScenario {
        private final org.eclipse.paho.client.mqttv3.MqttMessage message = new org.eclipse.paho.client.mqttv3.MqttMessage(new byte[] {1});

        @Override
        public void runOnce() {
            message.setQos(1);
        }
    }

    static final class FailsInItsStep implements AllocationScenario {
        @Override
        public void runOnce() {
            throw new IllegalStateException("scenario failed on purpose");
        }
    }

    static final class NeverFinishes implements AllocationScenario {
        @Override
        public void runOnce() throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void allocatingScenarioMeasuresAtLeastItsArrays() {
        final long bytes = ForkedAllocationCheck.run(AllocatesAnArrayPerStep.class, WARMUP, ITERATIONS);

        assertTrue(bytes >= 64L * ITERATIONS, "measured " + bytes + " bytes for " + ITERATIONS + " byte[64]");
    }

    @Test
    void nonAllocatingScenarioMeasuresZero() {
        assertEquals(0, ForkedAllocationCheck.run(WorksInPreallocatedState.class, WARMUP, ITERATIONS));
    }

    @Test
    void forkGetsTheWholeTestClassPath() {
        assertEquals(0, ForkedAllocationCheck.run(UsesATestDependency.class, WARMUP, ITERATIONS));
    }

    @Test
    void forkFollowsAManifestOnlyClassPathJar(@TempDir final Path folder) throws Exception {
        // what surefire's booter jar (or an IDE launcher) puts on java.class.path: one jar whose
        // manifest lists the real class path
        final Path booter = manifestOnlyJar(folder.resolve("booter.jar"), System.getProperty("java.class.path"));
        final String classPath = System.getProperty("java.class.path");
        final String surefireClassPath = System.getProperty("surefire.test.class.path");
        System.setProperty("java.class.path", booter.toString());
        System.clearProperty("surefire.test.class.path");
        try {
            assertEquals(0, ForkedAllocationCheck.run(UsesATestDependency.class, WARMUP, ITERATIONS));
        } finally {
            System.setProperty("java.class.path", classPath);
            if (surefireClassPath != null) {
                System.setProperty("surefire.test.class.path", surefireClassPath);
            }
        }
    }

    private static Path manifestOnlyJar(final Path jar, final String classPath) throws Exception {
        final StringBuilder urls = new StringBuilder();
        for (final String entry : classPath.split(File.pathSeparator)) {
            urls.append(Path.of(entry).toUri()).append(' ');
        }
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, urls.toString().strip());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    @Test
    void failingScenarioReportsTheForksStderr() {
        final IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ForkedAllocationCheck.run(FailsInItsStep.class, 0, 1));

        assertTrue(failure.getMessage().contains("scenario failed on purpose"), failure.getMessage());
        assertTrue(failure.getMessage().contains(FailsInItsStep.class.getName()), failure.getMessage());
    }

    @Tag("slow")
    @Test
    void scenarioRunningTooLongIsKilled() {
        final IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ForkedAllocationCheck.run(NeverFinishes.class, 0, 1, Duration.ofSeconds(3)));

        final Matcher pid = Pattern.compile("was killed \\(pid (\\d+)\\)").matcher(failure.getMessage());
        assertTrue(pid.find(), failure.getMessage());
        assertFalse(ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false),
                "forked JVM " + pid.group(1) + " still running");
    }

    @Test
    void runnerRefusesToMeasureWithAJit() {
        final ForkedJvm.Result result = ForkedJvm.run(List.of(),
                ForkedJvm.classPath(WorksInPreallocatedState.class, AllocationScenarioRunner.class),
                AllocationScenarioRunner.class, List.of(WorksInPreallocatedState.class.getName(), "0", "1"), Duration.ofSeconds(60));

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("-Xint"), result.stderr());
    }
}
