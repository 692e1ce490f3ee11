package dev.tern.boards.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A board's TLS: its credentials, its notion of time, and the protocol versions it offers
 * (TLS 1.3 and 1.2 by default; never 1.1 or older).
 */
public record TlsSettings(TlsCredentials credentials, BoardTime time, List<String> protocols) {

    public static final List<String> TLS_1_2_AND_1_3 = List.of("TLSv1.3", "TLSv1.2");

    public TlsSettings {
        protocols = List.copyOf(protocols);
        for (String protocol : protocols) {
            if (!"TLSv1.3".equals(protocol) && !"TLSv1.2".equals(protocol)) {
                throw new IllegalArgumentException("protocol=" + protocol + ", boards speak TLSv1.2 and TLSv1.3 only");
            }
        }
    }

    /** TLS 1.2 and 1.3 with the host's clock as the board's real-time clock. */
    public static TlsSettings of(TlsCredentials credentials) {
        return new TlsSettings(credentials, BoardTime.rtc(Clock.systemUTC()), TLS_1_2_AND_1_3);
    }

    public TlsSettings withTime(BoardTime newTime) {
        return new TlsSettings(credentials, newTime, protocols);
    }

    public TlsSettings withProtocols(String... newProtocols) {
        return new TlsSettings(credentials, time, List.of(newProtocols));
    }

    /** A context for one transport: its trust is {@code trust}, its key the device's (if any). */
    SSLContext context(BrokerTrust trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not make a TLS context", e);
        }
    }

    private KeyManager[] keyManagers() throws GeneralSecurityException {
        if (credentials.deviceKey() == null) {
            return null; // no certificate: the board answers a certificate request with none
        }
        char[] password = new char[0]; // the store lives in memory only
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("empty key store would not open", e);
        }
        store.setKeyEntry("device", credentials.deviceKey(), password,
                credentials.deviceChain().toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }
}
