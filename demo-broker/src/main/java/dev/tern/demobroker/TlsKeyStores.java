package dev.tern.demobroker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the key store and trust store of HiveMQ's TLS listener from key material made in code
 * (tern's development PKI): JKS files, the type HiveMQ reads, under a random password that lives
 * only in the listener's config.xml beside them.
 */
public final class TlsKeyStores {

    private static final String TYPE = "JKS";

    private TlsKeyStores() {
    }

    /**
     * Writes {@code broker.jks} (the broker's key and chain, its own certificate first) and
     * {@code clients.jks} (the CAs a device certificate must chain to) into {@code folder}.
     */
    public static TlsListener write(Path folder, int port, PrivateKey brokerKey, List<X509Certificate> brokerChain,
            List<X509Certificate> clientCas) throws IOException {
        final String password = randomPassword();
        final char[] secret = password.toCharArray();
        try {
            final KeyStore keys = empty();
            keys.setKeyEntry("broker", brokerKey, secret, brokerChain.toArray(new X509Certificate[0]));
            final KeyStore trust = empty();
            for (int i = 0; i < clientCas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, clientCas.get(i));
            }
            final Path keyStore = store(keys, folder.resolve("broker.jks"), secret);
            final Path trustStore = store(trust, folder.resolve("clients.jks"), secret);
            return new TlsListener(port, keyStore, trustStore, password);
        } catch (final GeneralSecurityException e) {
            throw new IOException("could not make the TLS listener's key stores: " + e.getMessage(), e);
        }
    }

    private static String randomPassword() {
        final byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static KeyStore empty() throws GeneralSecurityException, IOException {
        final KeyStore store = KeyStore.getInstance(TYPE);
        store.load(null, null);
        return store;
    }

    private static Path store(KeyStore store, Path file, char[] secret) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, secret);
        }
        return file;
    }
}
