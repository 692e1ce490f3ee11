package dev.tern.boards.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

/** The JDK's words for an alert or a failure (as SSLEngine words them in JDK 17), and the names they become. */
class TlsFailuresTest {

    @Test
    void certificateAlertsFromTheBrokerMeanTheDeviceWasRejected() {
        assertEquals(TlsStatus.TLS_DEVICE_REJECTED, TlsFailures.classify(new SSLException("Received fatal alert: unknown_ca"), false));
        assertEquals(TlsStatus.TLS_DEVICE_REJECTED,
                TlsFailures.classify(new SSLHandshakeException("Received fatal alert: certificate_required"), true));
        assertEquals(TlsStatus.TLS_DEVICE_REJECTED, TlsFailures.classify(new SSLException("Received fatal alert: bad_certificate"), true));
    }

    @Test
    void anOldProtocolIsAProtocolVersionFailure() {
        assertEquals(TlsStatus.TLS_PROTOCOL_VERSION, TlsFailures.classify(new SSLHandshakeException(
                "The server selected protocol version TLS11 is not accepted by client preferences [TLS13, TLS12]"), true));
        assertEquals(TlsStatus.TLS_PROTOCOL_VERSION,
                TlsFailures.classify(new SSLException("Received fatal alert: protocol_version"), true));
    }

    @Test
    void aRecordThatDoesNotAuthenticateIsABadRecordEvenInTheHandshake() {
        SSLException wrapped = new SSLException("Unable to process record", new javax.crypto.AEADBadTagException("Tag mismatch"));
        assertEquals(TlsStatus.TLS_BAD_RECORD, TlsFailures.classify(wrapped, true));
        assertEquals(TlsStatus.TLS_BAD_RECORD, TlsFailures.classify(new SSLException("Received fatal alert: bad_record_mac"), false));
    }

    @Test
    void anythingElseIsAHandshakeFailureBeforeAndABadRecordAfter() {
        SSLException other = new SSLException("Unsupported or unrecognized SSL message");
        assertEquals(TlsStatus.TLS_HANDSHAKE_FAILED, TlsFailures.classify(other, true));
        assertEquals(TlsStatus.TLS_BAD_RECORD, TlsFailures.classify(other, false));
    }
}
