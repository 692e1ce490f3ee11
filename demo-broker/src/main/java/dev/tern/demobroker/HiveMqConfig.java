package dev.tern.demobroker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration folder of an embedded HiveMQ CE, for {@code tern demo} and for the test
 * brokers of test-support: config.xml (one TCP listener, no usage statistics) and logback.xml,
 * which HiveMQ's logging bootstrap loads from that folder (everything to a log file; errors also
 * to the console when asked).
 */
public final class HiveMqConfig {

    /** Where HiveMQ keeps sessions and queued messages. */
    public enum Persistence {
        /** Gone when the broker stops. */
        IN_MEMORY("in-memory"),
        /** In the data folder: a broker started again on it resumes its sessions. */
        FILE("file");

        private final String mode;

        Persistence(String mode) {
            this.mode = mode;
        }
    }

    private HiveMqConfig() {
    }

    /** Writes config.xml and logback.xml into {@code configFolder}. */
    public static void write(Path configFolder, String host, int port, Persistence persistence, Path logFile,
            boolean errorsToConsole) throws IOException {
        write(configFolder, host, port, null, persistence, logFile, errorsToConsole);
    }

    /** As {@link #write(Path, String, int, Persistence, Path, boolean)}, plus a TLS listener on the same host when {@code tls} is not null. */
    public static void write(Path configFolder, String host, int port, TlsListener tls, Persistence persistence, Path logFile,
            boolean errorsToConsole) throws IOException {
        Files.writeString(configFolder.resolve("config.xml"), configXml(host, port, tls, persistence), StandardCharsets.UTF_8);
        Files.writeString(configFolder.resolve("logback.xml"), logbackXml(logFile, errorsToConsole), StandardCharsets.UTF_8);
    }

    static String configXml(String host, int port, Persistence persistence) {
        return configXml(host, port, null, persistence);
    }

    static String configXml(String host, int port, TlsListener tls, Persistence persistence) {
        return "<?xml version=\"1.0\"?>\n"
                + "<!-- written by tern: a TCP listener" + (tls == null ? "" : " and a TLS one") + ", no usage statistics -->\n"
                + "<hivemq>\n"
                + "    <listeners>\n"
                + "        <tcp-listener>\n"
                + "            <port>" + port + "</port>\n"
                + "            <bind-address>" + xmlEscape(host) + "</bind-address>\n"
                + "        </tcp-listener>\n"
                + (tls == null ? "" : tlsListenerXml(host, tls))
                + "    </listeners>\n"
                + "    <persistence>\n"
                + "        <mode>" + persistence.mode + "</mode>\n"
                + "    </persistence>\n"
                + "    <anonymous-usage-statistics>\n"
                + "        <enabled>false</enabled>\n"
                + "    </anonymous-usage-statistics>\n"
                + "</hivemq>\n";
    }

    static String logbackXml(Path logFile, boolean errorsToConsole) {
        return "<?xml version=\"1.0\"?>\n"
                + "<!-- written by tern: HiveMQ logs a lot at INFO; it goes to a file -->\n"
                + "<configuration scan=\"false\">\n"
                + "    <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "        <file>" + xmlEscape(logFile.toString()) + "</file>\n"
                + "        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n%ex</pattern></encoder>\n"
                + "    </appender>\n"
                + (errorsToConsole
                    ? "    <appender name=\"CONSOLE\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
                        + "        <filter class=\"ch.qos.logback.classic.filter.ThresholdFilter\"><level>ERROR</level></filter>\n"
                        + "        <encoder><pattern>hivemq-ce %-5level %logger{36} - %msg%n%ex</pattern></encoder>\n"
                        + "    </appender>\n"
                    : "")
                + "    <root level=\"INFO\">\n"
                + "        <appender-ref ref=\"FILE\"/>\n"
                + (errorsToConsole ? "        <appender-ref ref=\"CONSOLE\"/>\n" : "")
                + "    </root>\n"
                + "    <logger name=\"jetbrains.exodus\" level=\"WARN\"/>\n"
                + "    <logger name=\"oshi\" level=\"ERROR\"/>\n"
                + "    <logger name=\"com.google.common.util.concurrent.Futures.CombinedFuture\" level=\"OFF\"/>\n"
                + "</configuration>\n";
    }

    /** A TLS listener that requires a client certificate chaining to the truststore's CAs (mutual TLS). */
    private static String tlsListenerXml(String host, TlsListener tls) {
        return "        <tls-tcp-listener>\n"
                + "            <port>" + tls.port() + "</port>\n"
                + "            <bind-address>" + xmlEscape(host) + "</bind-address>\n"
                + "            <tls>\n"
                + "                <keystore>\n"
                + "                    <path>" + xmlEscape(tls.keyStore().toString()) + "</path>\n"
                + "                    <password>" + xmlEscape(tls.password()) + "</password>\n"
                + "                    <private-key-password>" + xmlEscape(tls.password()) + "</private-key-password>\n"
                + "                </keystore>\n"
                + "                <truststore>\n"
                + "                    <path>" + xmlEscape(tls.trustStore().toString()) + "</path>\n"
                + "                    <password>" + xmlEscape(tls.password()) + "</password>\n"
                + "                </truststore>\n"
                + "                <client-authentication-mode>REQUIRED</client-authentication-mode>\n"
                + "                <protocols>\n"
                + "                    <protocol>TLSv1.3</protocol>\n"
                + "                    <protocol>TLSv1.2</protocol>\n"
                + "                </protocols>\n"
                + "            </tls>\n"
                + "        </tls-tcp-listener>\n";
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
