package dev.tern.demobroker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.demobroker.HiveMqConfig.Persistence;

class HiveMqConfigTest {

    @TempDir
    Path folder;

    @Test
    void theListenerBindsTheHostAndPortAskedFor() {
        String xml = HiveMqConfig.configXml("127.0.0.1", 18830, Persistence.IN_MEMORY);
        assertTrue(xml.contains("<port>18830</port>"), xml);
        assertTrue(xml.contains("<bind-address>127.0.0.1</bind-address>"), xml);
    }

    @Test
    void aTlsListenerRequiresClientCertificatesWithTheStoresGiven() {
        TlsListener tls = new TlsListener(18883, folder.resolve("broker.jks"), folder.resolve("clients.jks"), "s3cret");
        String xml = HiveMqConfig.configXml("127.0.0.1", 18830, tls, Persistence.IN_MEMORY);
        assertTrue(xml.contains("<tls-tcp-listener>\n            <port>18883</port>"), xml);
        assertTrue(xml.contains("<client-authentication-mode>REQUIRED</client-authentication-mode>"), xml);
        assertTrue(xml.contains("<path>" + folder.resolve("broker.jks") + "</path>"), xml);
        assertTrue(xml.contains("<truststore>\n                    <path>" + folder.resolve("clients.jks") + "</path>"), xml);
        assertFalse(HiveMqConfig.configXml("127.0.0.1", 18830, Persistence.IN_MEMORY).contains("tls"), "no TLS unless asked");
    }

    @Test
    void persistenceIsInMemoryOrInTheDataFolder() {
        assertTrue(HiveMqConfig.configXml("h", 1, Persistence.IN_MEMORY).contains("<mode>in-memory</mode>"));
        assertTrue(HiveMqConfig.configXml("h", 1, Persistence.FILE).contains("<mode>file</mode>"));
    }

    @Test
    void errorsReachTheConsoleOnlyWhenAsked() {
        Path log = folder.resolve("a&b.log");
        String quiet = HiveMqConfig.logbackXml(log, false);
        String loud = HiveMqConfig.logbackXml(log, true);
        assertFalse(quiet.contains("ConsoleAppender"), quiet);
        assertTrue(loud.contains("<appender-ref ref=\"CONSOLE\"/>") && loud.contains("<level>ERROR</level>"), loud);
        assertTrue(quiet.contains("<file>" + log.toString().replace("&", "&amp;") + "</file>"), quiet);
    }

    @Test
    void writesBothFilesIntoTheConfigurationFolder() throws Exception {
        HiveMqConfig.write(folder, "127.0.0.1", 1883, Persistence.FILE, folder.resolve("hivemq.log"), true);
        assertTrue(Files.readString(folder.resolve("config.xml")).contains("<mode>file</mode>"));
        assertTrue(Files.readString(folder.resolve("logback.xml")).contains("hivemq.log"));
    }
}
