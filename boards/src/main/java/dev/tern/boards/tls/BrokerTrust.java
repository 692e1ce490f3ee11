package dev.tern.boards.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a board decides to trust a broker: the JDK's PKIX trust manager (chain to a trusted CA,
 * key usage, algorithm constraints, host name when the engine asks for endpoint identification)
 * at the board's time rather than the host's, then the optional public-key pin. When it refuses,
 * {@link #failure()} says why as a {@link TlsStatus}, found by checking again without the host name
 * only on that failing path.
 */
final class BrokerTrust extends X509ExtendedTrustManager {

    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final X509Certificate[] acceptedIssuers;
    private final byte[] pin;
    private final BoardTime time;
    private volatile int failure = TlsStatus.OK;

    BrokerTrust(TlsCredentials credentials, BoardTime time) {
        List<X509Certificate> cas = credentials.trustedCas();
        for (X509Certificate ca : cas) {
            anchors.add(new TrustAnchor(ca, null));
        }
        this.acceptedIssuers = cas.toArray(new X509Certificate[0]);
        this.pin = credentials.brokerKeyPin();
        this.time = time;
    }

    /** Why the last check refused the broker, or {@link TlsStatus#OK}. */
    int failure() {
        return failure;
    }

    void clearFailure() {
        failure = TlsStatus.OK;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        X509ExtendedTrustManager pkix = pkixAt(validationTime(chain));
        try {
            pkix.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            failure = classify(e, pkix, chain, authType);
            throw e;
        }
        if (pin != null && !Arrays.equals(pin, PublicKeyPin.of(chain[0]))) {
            failure = TlsStatus.TLS_PIN_MISMATCH;
            throw new CertificateException("the broker's public key is not the pinned one");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("boards use SSLEngine, not sockets");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a broker is checked with its SSLEngine (for the host name)");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a board is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a board is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a board is a TLS client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return acceptedIssuers.clone();
    }

    private Instant validationTime(X509Certificate[] chain) {
        Instant latestNotBefore = Instant.EPOCH;
        for (X509Certificate certificate : chain) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            if (notBefore.isAfter(latestNotBefore)) {
                latestNotBefore = notBefore;
            }
        }
        return time.validationTime(latestNotBefore);
    }

    /** The JDK's PKIX trust manager over our CAs at {@code at}, without revocation (no CRL, no OCSP on a board). */
    private X509ExtendedTrustManager pkixAt(Instant at) throws CertificateException {
        try {
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(new CertPathTrustManagerParameters(parameters));
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new CertificateException("the JDK has no PKIX X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new CertificateException("PKIX trust manager unavailable", e);
        }
    }

    private static int classify(CertificateException e, X509ExtendedTrustManager pkix, X509Certificate[] chain,
            String authType) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return TlsStatus.TLS_EXPIRED;
            }
            if (cause instanceof CertificateNotYetValidException) {
                return TlsStatus.TLS_NOT_YET_VALID;
            }
            if (cause instanceof CertPathValidatorException invalid) {
                if (BasicReason.EXPIRED == invalid.getReason()) {
                    return TlsStatus.TLS_EXPIRED;
                }
                if (BasicReason.NOT_YET_VALID == invalid.getReason()) {
                    return TlsStatus.TLS_NOT_YET_VALID;
                }
            }
        }
        try {
            pkix.checkServerTrusted(chain, authType); // the chain alone, without the host name
            return TlsStatus.TLS_NAME_MISMATCH;
        } catch (CertificateException untrusted) {
            X509Certificate leaf = chain[0];
            boolean selfSigned = chain.length == 1 && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
            return selfSigned ? TlsStatus.TLS_SELF_SIGNED_BROKER : TlsStatus.TLS_UNTRUSTED_BROKER;
        }
    }
}
