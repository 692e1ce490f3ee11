package dev.tern.boards.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a board's TLS connection settled on, for a person to read: the protocol, the broker name
 * the board verified the broker's certificate against, that certificate's subject, and the
 * subject of the device certificate the board presented ("" when it presented none).
 */
public record TlsSession(String protocol, String verifiedBrokerName, String brokerSubject, String deviceSubject) {

    static TlsSession of(SSLSession session, String brokerHost) {
        return new TlsSession(session.getProtocol(), brokerHost, brokerSubject(session), subjectOfFirst(session.getLocalCertificates()));
    }

    private static String brokerSubject(SSLSession session) {
        try {
            return subjectOfFirst(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return "";
        }
    }

    private static String subjectOfFirst(Certificate[] chain) {
        return chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate first) ? ""
                : first.getSubjectX500Principal().getName();
    }
}
