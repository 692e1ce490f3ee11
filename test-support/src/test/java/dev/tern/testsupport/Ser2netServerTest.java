package dev.tern.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class Ser2netServerTest {

    @Test
    void writesAYamlConfigWithTheRfc2217AccepterOnLoopbackOnly() throws Exception {
        try (TempFolder folder = TempFolder.create("tern-ser2net-config-")) {
            Ser2netServer.writeConfig(folder.resolve("ser2net.yaml"), 4321, Path.of("/tmp/x/a"));

            String yaml = Files.readString(folder.resolve("ser2net.yaml"));
            assertTrue(yaml.contains("    accepter: telnet(rfc2217),tcp,127.0.0.1,4321\n"), yaml);
            assertTrue(yaml.contains("    connector: serialdev,/tmp/x/a,115200n81,local\n"), yaml);
        }
    }

    @Tag("socat")
    @Tag("ser2net")
    @Test
    void servesAPtyEndSoBytesFromATelnetClientReachTheOtherEnd() throws Exception {
        try (PtyPair pty = PtyPair.open();
             Ser2netServer server = Ser2netServer.serve(pty.a());
             InputStream board = new FileInputStream(pty.b().toFile());
             Socket client = new Socket(server.host(), server.port())) {
            assertEquals("rfc2217://127.0.0.1:" + server.port(), server.rfc2217Url());
            OutputStream out = client.getOutputStream();
            // plain bytes, no IAC among them: no telnet negotiation is needed for data to flow
            out.write(new byte[] {'p', 'i', 'n', 'g'});
            out.flush();

            assertArrayEquals(new byte[] {'p', 'i', 'n', 'g'}, BoundedReads.readExactly(board, 4, Duration.ofSeconds(5)), server::output);
        }
    }
}
