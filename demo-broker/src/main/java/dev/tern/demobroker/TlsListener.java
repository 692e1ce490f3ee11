package dev.tern.demobroker;

import java.nio.file.Path;

/**
 * HiveMQ's TLS listener: its port, the key store holding the broker's key and chain, and the
 * trust store holding the CAs a client certificate must chain to ({@link TlsKeyStores} writes
 * both). One password opens both stores and the key: they are made fresh for one run.
 */
public record TlsListener(int port, Path keyStore, Path trustStore, String password) {
}
