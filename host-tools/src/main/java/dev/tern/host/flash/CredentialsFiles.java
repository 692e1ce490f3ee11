package dev.tern.host.flash;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import dev.tern.app.CredentialsRegion;
import dev.tern.boards.definition.Region;
import dev.tern.boards.tls.Pem;
import dev.tern.boards.tls.PemFormatException;
import dev.tern.boards.tls.PublicKeyPin;
import dev.tern.host.cli.ExitCodes;
import dev.tern.host.cert.KeyMatch;
import dev.tern.host.cli.TernException;
import dev.tern.host.flash.protocol.FlashAddress;

/**
 * What {@code tern flash --ca --device-cert --device-key --broker-pin} installs in the board's
 * credentials region, read from PEM files and checked before the port is touched: the files are
 * PEM of the right kind, the key belongs to the device certificate, the pin is a SHA-256, and
 * everything fits the region ({@link CredentialsRegion}'s format). Each refusal flashes nothing.
 */
final class CredentialsFiles {

    private final List<X509Certificate> cas;
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final byte[] pin;

    private CredentialsFiles(List<X509Certificate> cas, List<X509Certificate> chain, PrivateKey key, byte[] pin) {
        this.cas = cas;
        this.chain = chain;
        this.key = key;
        this.pin = pin;
    }

    /** The credentials the options name, or null when none was given. */
    static CredentialsFiles of(Path caFile, Path deviceCertFile, Path deviceKeyFile, String brokerPin) {
        if (caFile == null) {
            if (deviceCertFile != null || deviceKeyFile != null || brokerPin != null) {
                throw new TernException(ExitCodes.USAGE, "--device-cert, --device-key and --broker-pin need --ca FILE:"
                        + " the board verifies the broker with a CA certificate; nothing was flashed");
            }
            return null;
        }
        if ((deviceCertFile == null) != (deviceKeyFile == null)) {
            throw new TernException(ExitCodes.USAGE, "--device-cert and --device-key go together (the board's certificate"
                    + " and its private key); nothing was flashed");
        }
        List<X509Certificate> cas = certificates(caFile, "--ca");
        if (cas.size() > CredentialsRegion.MAX_CA_CERTIFICATES) {
            throw new TernException(ExitCodes.USAGE, "--ca " + caFile + ": " + cas.size() + " certificates, the board keeps at most "
                    + CredentialsRegion.MAX_CA_CERTIFICATES + "; nothing was flashed");
        }
        List<X509Certificate> chain = List.of();
        PrivateKey key = null;
        if (deviceCertFile != null) {
            chain = certificates(deviceCertFile, "--device-cert");
            if (chain.size() > CredentialsRegion.MAX_CHAIN_CERTIFICATES) {
                throw new TernException(ExitCodes.USAGE, "--device-cert " + deviceCertFile + ": a chain of " + chain.size()
                        + " certificates, the board keeps at most " + CredentialsRegion.MAX_CHAIN_CERTIFICATES
                        + "; nothing was flashed");
            }
            key = privateKey(deviceKeyFile);
            checkKeyMatches(key, chain.get(0), deviceKeyFile, deviceCertFile);
        }
        return new CredentialsFiles(cas, chain, key, brokerPin == null ? null : parsePin(brokerPin));
    }

    private static List<X509Certificate> certificates(Path file, String option) {
        String text = new String(FlashImage.readFile(file, option + " file"), StandardCharsets.US_ASCII);
        try {
            return Pem.readCertificates(text);
        } catch (PemFormatException e) {
            throw new TernException(ExitCodes.USAGE, option + " " + file + ": " + e.getMessage() + "; nothing was flashed", e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String text = new String(FlashImage.readFile(file, "--device-key file"), StandardCharsets.US_ASCII);
        try {
            return Pem.readPrivateKey(text);
        } catch (PemFormatException e) {
            throw new TernException(ExitCodes.USAGE, "--device-key " + file + ": " + e.getMessage() + "; nothing was flashed", e);
        }
    }

    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile) {
        if (!KeyMatch.belongs(key, certificate)) {
            throw new TernException(ExitCodes.USAGE, "--device-key " + keyFile + " does not belong to the certificate in "
                    + certFile + " (" + certificate.getSubjectX500Principal().getName() + "): the broker would refuse the"
                    + " board; give the key that certificate was issued for; nothing was flashed");
        }
    }

    /** 64 hex digits, optionally after {@code sha256:}, as {@code tern cert} and the board's console show a pin. */
    static byte[] parsePin(String text) {
        String hex = text.startsWith("sha256:") ? text.substring("sha256:".length()) : text;
        if (hex.length() != 2 * CredentialsRegion.PIN_LENGTH || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new TernException(ExitCodes.USAGE, "--broker-pin '" + text + "': expected the SHA-256 of the broker's public"
                    + " key as 64 hex digits (tern cert broker prints it); nothing was flashed");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The whole region, padded with 0xFF; a region too small is a failure that flashes nothing. */
    byte[] encodeRegion(Region region) {
        byte[][] caDer = der(cas);
        byte[][] chainDer = der(chain);
        byte[] keyDer = key == null ? null : key.getEncoded();
        int needed = CredentialsRegion.encodedLength(caDer, chainDer, keyDer, pin);
        if (needed > region.size()) {
            throw new TernException(ExitCodes.FAILURE, "the credentials need " + needed + " bytes but the board's credentials"
                    + " region (" + FlashAddress.hex(region.address()) + ") holds " + region.size() + " bytes: give fewer CA"
                    + " certificates or a shorter device chain; nothing was flashed");
        }
        return CredentialsRegion.encodeRegion(caDer, chainDer, keyDer, pin, (int) region.size());
    }

    /** What the progress line says: counts and names, never the key. */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append(cas.size()).append(cas.size() == 1 ? " CA certificate" : " CA certificates");
        if (chain.isEmpty()) {
            text.append(", no device certificate");
        } else {
            text.append(", device ").append(chain.get(0).getSubjectX500Principal().getName())
                    .append(chain.size() == 1 ? "" : " (chain of " + chain.size() + ")").append(" and its key");
        }
        if (pin != null) {
            text.append(", broker pin sha256:").append(PublicKeyPin.hex(pin));
        }
        return text.toString();
    }

    private static byte[][] der(List<X509Certificate> certificates) {
        byte[][] der = new byte[certificates.size()][];
        for (int i = 0; i < der.length; i++) {
            try {
                der[i] = certificates.get(i).getEncoded();
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a certificate read from PEM cannot be encoded again", e);
            }
        }
        return der;
    }
}
