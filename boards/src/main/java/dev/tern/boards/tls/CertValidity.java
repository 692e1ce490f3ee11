package dev.tern.boards.tls;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The notBefore..notAfter window of a certificate. Tests choose it to make expired and
 * not-yet-valid certificates; X.509 keeps whole seconds, so both ends are truncated to seconds.
 */
public record CertValidity(Instant notBefore, Instant notAfter) {

    public CertValidity {
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter=" + notAfter + " is not after notBefore=" + notBefore);
        }
    }

    /** Valid from an hour before {@code from} (a little clock skew) for {@code days} days. */
    public static CertValidity days(Instant from, int days) {
        return new CertValidity(from.minus(Duration.ofHours(1)), from.plus(Duration.ofDays(days)));
    }

    /** Whether {@code now} lies within the window, both ends included (RFC 5280 section 4.1.2.5). */
    public boolean covers(Instant now) {
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }
}
