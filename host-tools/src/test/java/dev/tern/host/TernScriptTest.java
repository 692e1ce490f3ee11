package dev.tern.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tern} launcher's first build: it says what it does, shows Maven's module lines, keeps the log. */
@Timeout(60)
class TernScriptTest {

    @TempDir
    Path folder;

    @Test
    void theFirstBuildSaysWhatItDoesShowsEachModuleAndKeepsTheLogWhenItFails() throws Exception {
        Path root = Files.createDirectories(folder.resolve("tern"));
        Files.copy(Path.of("..", "tern"), root.resolve("tern"));
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, String.join("\n",
                "#!/bin/sh",
                "echo '[INFO] Reactor Build Order:'",
                "echo '[INFO] Building Tern build rules 0.1.0-SNAPSHOT                           [1/2]'",
                "echo '[INFO] compiling 3 source files'",
                "echo '[INFO] Building Tern host tool 0.1.0                                      [2/2]'",
                "echo '[ERROR] Foo.java:[3,1] boom'",
                "exit 1", ""), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));

        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("tern").toString(), "--version")
                .redirectOutput(folder.resolve("out.txt").toFile())
                .redirectError(folder.resolve("err.txt").toFile());
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script ended");
        String err = Files.readString(folder.resolve("err.txt"));
        Path log = root.resolve("target/tern-build.log");

        assertEquals(1, process.exitValue(), err);
        assertTrue(err.startsWith("tern: building the host tool (first run: about 2 minutes, Maven may download its plugins first)\n"
                + "tern:   mvn -B -pl host-tools -am package -DskipTests; its whole output goes to " + log + "\n"
                + "tern:   [1/2] Tern build rules\n"
                + "tern:   [2/2] Tern host tool\n"), err);
        assertTrue(err.contains("[ERROR] Foo.java:[3,1] boom\ntern: the build failed (errors above); the whole log is kept in " + log),
                err);
        assertTrue(Files.readString(log).contains("[INFO] compiling 3 source files"), "the whole output is in the log");
    }
}
