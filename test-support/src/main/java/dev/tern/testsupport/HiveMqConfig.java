package dev.tern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the configuration folder of an embedded HiveMQ CE: config.xml (one TCP listener on
 * loopback, file persistence, no usage statistics) and logback.xml, which HiveMQ's logging
 * bootstrap loads from that folder: everything goes to a log file, only errors to the console.
 */
final class HiveMqConfig {

    private HiveMqConfig() {
    }

    static String configXml(final int port) {
        return "<?xml version=\"1.0\"?>\n"
                + "<!-- written by tern test-support for one test broker -->\n"
                + "<hivemq>\n"
                + "    <listeners>\n"
                + "        <tcp-listener>\n"
                + "            <port>" + port + "</port>\n"
                + "            <bind-address>" + Loopback.HOST + "</bind-address>\n"
                + "        </tcp-listener>\n"
                + "    </listeners>\n"
                + "    <persistence>\n"
                + "        <mode>file</mode>\n"
                + "    </persistence>\n"
                + "    <anonymous-usage-statistics>\n"
                + "        <enabled>false</enabled>\n"
                + "    </anonymous-usage-statistics>\n"
                + "</hivemq>\n";
    }

    static String logbackXml(final Path logFile) {
        return "<?xml version=\"1.0\"?>\n"
                + "<!-- written by tern test-support: HiveMQ logs a lot at INFO; keep the build output readable -->\n"
                + "<configuration scan=\"false\">\n"
                + "    <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "        <file>" + xmlEscape(logFile.toString()) + "</file>\n"
                + "        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n%ex</pattern></encoder>\n"
                + "    </appender>\n"
                + "    <appender name=\"CONSOLE\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
                + "        <filter class=\"ch.qos.logback.classic.filter.ThresholdFilter\"><level>ERROR</level></filter>\n"
                + "        <encoder><pattern>hivemq-ce %-5level %logger{36} - %msg%n%ex</pattern></encoder>\n"
                + "    </appender>\n"
                + "    <root level=\"INFO\">\n"
                + "        <appender-ref ref=\"FILE\"/>\n"
                + "        <appender-ref ref=\"CONSOLE\"/>\n"
                + "    </root>\n"
                + "    <logger name=\"jetbrains.exodus\" level=\"WARN\"/>\n"
                + "    <logger name=\"oshi\" level=\"ERROR\"/>\n"
                + "    <logger name=\"com.google.common.util.concurrent.Futures.CombinedFuture\" level=\"OFF\"/>\n"
                + "</configuration>\n";
    }

    static void write(final Path configFolder, final int port, final Path logFile) {
        try {
            Files.writeString(configFolder.resolve("config.xml"), configXml(port), StandardCharsets.UTF_8);
            Files.writeString(configFolder.resolve("logback.xml"), logbackXml(logFile), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not write HiveMQ configuration to " + configFolder, e);
        }
    }

    private static String xmlEscape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
