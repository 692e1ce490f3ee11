package dev.tern.boards.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** {@link TlsCredentials} held in memory, as tests make them. */
record FixedTlsCredentials(List<X509Certificate> trustedCas, List<X509Certificate> deviceChain, PrivateKey deviceKey,
                           byte[] brokerKeyPin) implements TlsCredentials {

    FixedTlsCredentials {
        trustedCas = List.copyOf(trustedCas);
        deviceChain = List.copyOf(deviceChain);
        if (trustedCas.isEmpty()) {
            throw new IllegalArgumentException("a board needs at least one trusted CA certificate");
        }
        if (deviceChain.isEmpty() != (deviceKey == null)) {
            throw new IllegalArgumentException("a device certificate needs its key, and a key its certificate");
        }
        if (brokerKeyPin != null && brokerKeyPin.length != PublicKeyPin.LENGTH) {
            throw new IllegalArgumentException("pin length=" + brokerKeyPin.length + ", expected " + PublicKeyPin.LENGTH);
        }
        brokerKeyPin = brokerKeyPin == null ? null : brokerKeyPin.clone();
    }

    @Override
    public byte[] brokerKeyPin() {
        return brokerKeyPin == null ? null : brokerKeyPin.clone();
    }

    /** Names only: never the key. */
    @Override
    public String toString() {
        return "TlsCredentials[" + trustedCas.size() + " CA(s), device "
                + (deviceChain.isEmpty() ? "none" : deviceChain.get(0).getSubjectX500Principal().getName())
                + (brokerKeyPin == null ? "" : ", pinned") + "]";
    }
}
