package dev.tern.host.demo;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts the demo's embedded broker (HiveMQ CE, module {@code demo-broker}) without putting it on
 * the {@code tern} class path: its jar and libraries sit in {@code demo-lib/} beside
 * {@code tern-host.jar} (or beside {@code target/classes} in a build), and are loaded here in a
 * class loader whose parent is the platform loader, so HiveMQ's logback, slf4j, Guava, Netty and
 * BouncyCastle never meet tern's. The broker is reached reflectively through
 * {@code dev.tern.demobroker.DemoBroker.start(String, int, Path)}, which returns an
 * {@link AutoCloseable}: only JDK types cross between the two loaders.
 *
 * <p>Where demo-lib is missing (tests run from an IDE), the class path is tried as a fallback.
 */
public final class DemoBrokerLoader {

    static final String ENTRY_CLASS = "dev.tern.demobroker.DemoBroker";
    static final String FOLDER = "demo-lib";

    private final Path folder;
    private ClassLoader loaded;

    private DemoBrokerLoader(Path folder) {
        this.folder = folder;
    }

    /** demo-lib beside the jar (or classes folder) this class was loaded from. */
    public static DemoBrokerLoader besideTern() {
        return new DemoBrokerLoader(ternLocation().resolveSibling(FOLDER));
    }

    /** A given demo-lib folder. */
    public static DemoBrokerLoader from(Path demoLib) {
        return new DemoBrokerLoader(demoLib);
    }

    /** The folder this loader reads. */
    public Path folder() {
        return folder;
    }

    /** The jars in demo-lib, sorted; empty when the folder is missing. */
    public List<Path> jars() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /**
     * A class loader that sees the broker: demo-lib's jars over the platform loader, or else
     * tern's own loader when that has the broker on its class path.
     *
     * @throws IllegalStateException naming the folder and how to fill it, when neither has it
     */
    public ClassLoader classLoader() throws IOException {
        List<Path> jars = jars();
        if (!jars.isEmpty()) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : jars) {
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException("cannot make a URL of " + jar, e);
                }
            }
            return new URLClassLoader("tern-demo-broker", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        }
        ClassLoader own = DemoBrokerLoader.class.getClassLoader();
        if (own.getResource(ENTRY_CLASS.replace('.', '/') + ".class") != null) {
            return own;
        }
        throw new IllegalStateException("the embedded broker is not installed: " + folder + " holds no jars (build the tool"
                + " with './tern' or 'mvn -pl host-tools -am package', which fills it), or give a broker with --broker tcp://HOST:PORT");
    }

    /**
     * Starts HiveMQ CE on {@code host:port} with its files in {@code dataDir}, and returns once
     * it accepts connections. Closing the result stops it.
     */
    public synchronized AutoCloseable start(String host, int port, Path dataDir) throws IOException {
        return start(host, port, dataDir, null);
    }

    /** The TLS listener of {@link #start(String, int, Path, Tls)}: its port, the broker's key and chain, the CAs of the clients. */
    public record Tls(int port, PrivateKey brokerKey, List<X509Certificate> brokerChain, List<X509Certificate> clientCas) {
    }

    /** As {@link #start(String, int, Path)}, with a TLS listener requiring client certificates when {@code tls} is not null. */
    public synchronized AutoCloseable start(String host, int port, Path dataDir, Tls tls) throws IOException {
        if (loaded == null) {
            loaded = classLoader(); // kept: a restart loads HiveMQ's classes once, not twice
        }
        ClassLoader loader = loaded;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // HiveMQ's JAXB, Guice and ServiceLoader look up their implementations through the context
        // loader, and the threads it starts inherit it
        thread.setContextClassLoader(loader);
        try {
            Class<?> entry = Class.forName(ENTRY_CLASS, true, loader);
            if (tls == null) {
                Method start = entry.getMethod("start", String.class, int.class, Path.class);
                return (AutoCloseable) start.invoke(null, host, port, dataDir);
            }
            Method start = entry.getMethod("startWithTls", String.class, int.class, Path.class, int.class, PrivateKey.class,
                    List.class, List.class);
            return (AutoCloseable) start.invoke(null, host, port, dataDir, tls.port(), tls.brokerKey(), tls.brokerChain(),
                    tls.clientCas());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the embedded broker failed to start: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the embedded broker in " + folder + " is not the one this tern expects ("
                    + ENTRY_CLASS + ".start(String, int, Path)): " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The jar (or classes folder) tern's classes come from. */
    static Path ternLocation() {
        try {
            return Path.of(DemoBrokerLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where tern's classes are", e);
        }
    }
}
