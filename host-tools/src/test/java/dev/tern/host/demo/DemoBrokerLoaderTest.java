package dev.tern.host.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The everyday tern stays lean: the broker is not on tern's runtime class path, and the demo
 * loads it from demo-lib in a loader of its own, where it runs.
 */
class DemoBrokerLoaderTest {

    /** Written by the build (dependency:build-classpath, runtime scope): what tern-host.jar's manifest lists. */
    private static final Path RUNTIME_CLASSPATH = Path.of("target", "runtime-classpath.txt");

    @TempDir
    Path folder;

    @Test
    void ternsRuntimeClassPathCannotLoadTheBroker() throws Exception {
        assertTrue(Files.exists(RUNTIME_CLASSPATH), "the build writes " + RUNTIME_CLASSPATH.toAbsolutePath());
        List<URL> urls = new ArrayList<>();
        List<String> jars = new ArrayList<>();
        urls.add(DemoBrokerLoader.ternLocation().toUri().toURL());
        for (String entry : Files.readString(RUNTIME_CLASSPATH, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
            jars.add(Path.of(entry).getFileName().toString());
        }
        try (URLClassLoader runtime = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            assertSame(runtime, runtime.loadClass("dev.tern.host.Main").getClassLoader(), "tern itself loads from it");
            assertThrows(ClassNotFoundException.class, () -> runtime.loadClass("com.hivemq.embedded.EmbeddedHiveMQ"),
                    () -> "HiveMQ is on tern's runtime class path: " + jars);
            assertThrows(ClassNotFoundException.class, () -> runtime.loadClass(DemoBrokerLoader.ENTRY_CLASS),
                    () -> "tern-demo-broker is on tern's runtime class path: " + jars);
        }
    }

    @Tag("hivemq")
    @Test
    @Timeout(120)
    void theBrokerStartsFromDemoLibInALoaderOfItsOwnAndCarriesAQos2Message() throws Exception {
        DemoBrokerLoader loader = DemoBrokerLoader.besideTern();
        assertEquals("demo-lib", loader.folder().getFileName().toString());
        assertFalse(loader.jars().isEmpty(), "the build fills " + loader.folder());
        ClassLoader isolated = loader.classLoader();
        assertSame(ClassLoader.getPlatformClassLoader(), isolated.getParent());
        assertSame(isolated, Class.forName(DemoBrokerLoader.ENTRY_CLASS, false, isolated).getClassLoader());

        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        AutoCloseable broker = loader.start("127.0.0.1", port, folder);
        try {
            MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "loader-test", new MemoryPersistence());
            try {
                BlockingQueue<MqttMessage> received = new ArrayBlockingQueue<>(1);
                client.setTimeToWait(10_000);
                client.connect();
                client.subscribe("loader/test", 2, (topic, message) -> received.add(message));
                client.publish("loader/test", "hello".getBytes(StandardCharsets.US_ASCII), 2, false);
                MqttMessage message = received.poll(10, TimeUnit.SECONDS);
                assertEquals("hello", message == null ? null : new String(message.getPayload(), StandardCharsets.US_ASCII));
                assertEquals(2, message.getQos());
                client.disconnect(2_000);
            } finally {
                client.close(true);
            }
        } finally {
            broker.close();
        }
        assertTrue(Files.exists(folder.resolve("hivemq.log")), "HiveMQ logs to a file in its folder");
    }
}
