package dev.tern.host.monitor;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * {@code --log-file}: every line the board sent (filters do not apply), each with the date and
 * host time of its first byte, appended to the file (created when missing) and flushed line by
 * line, so a crash or Ctrl-C loses nothing written. The monitor's own notices (vanished,
 * reconnected) go in too, so a gap in the log says why.
 *
 * <pre>
 *   2025-06-01 12:04:31.123 I 0.000 boot: Tern sensor firmware 0.1.0 on board virtual
 *   2025-06-01 12:04:40.002 monitor: socket://127.0.0.1:4000 vanished
 * </pre>
 */
final class LogFile implements Closeable {

    private final Path path;
    private final BufferedWriter writer;
    private final DateTimeFormatter time;

    private LogFile(Path path, BufferedWriter writer, ZoneId zone) {
        this.path = path;
        this.writer = writer;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(zone);
    }

    static LogFile open(Path path, ZoneId zone) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new LogFile(path, writer, zone);
    }

    Path path() {
        return path;
    }

    void line(String text, Instant firstByte) throws IOException {
        synchronized (writer) {
            writer.write(time.format(firstByte));
            writer.write(' ');
            writer.write(text);
            writer.write('\n');
            writer.flush();
        }
    }

    void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
