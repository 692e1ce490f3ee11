package dev.tern.boards.virtual;

/**
 * An image's version as MCUboot's header carries it: {@code major.minor.revision+build}.
 * Ordered as MCUboot orders versions for downgrade prevention by default (without
 * {@code MCUBOOT_VERSION_CMP_USE_BUILD_NUMBER}): major, then minor, then revision; the build
 * number is shown but not compared.
 */
public record ImageVersion(int major, int minor, int revision, long build) implements Comparable<ImageVersion> {

    public ImageVersion {
        if (major < 0 || major > 0xFF || minor < 0 || minor > 0xFF || revision < 0 || revision > 0xFFFF
                || build < 0 || build > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("version out of range: major=" + major + ", minor=" + minor
                    + ", revision=" + revision + ", build=" + build);
        }
    }

    /** Parses {@code 1.4.0+7} or {@code 1.4.0} (build 0), as {@link #toString()} writes it. */
    public static ImageVersion parse(final String text) {
        final String trimmed = text.trim();
        final int plus = trimmed.indexOf('+');
        final String[] parts = (plus < 0 ? trimmed : trimmed.substring(0, plus)).split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a version (major.minor.revision[+build]): text=" + text);
        }
        try {
            final long build = plus < 0 ? 0 : Long.parseLong(trimmed.substring(plus + 1));
            return new ImageVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), build);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("not a version (major.minor.revision[+build]): text=" + text, e);
        }
    }

    /** Compares major, minor and revision; the build number is not compared (MCUboot's default). */
    @Override
    public int compareTo(final ImageVersion other) {
        if (major != other.major) {
            return Integer.compare(major, other.major);
        }
        if (minor != other.minor) {
            return Integer.compare(minor, other.minor);
        }
        return Integer.compare(revision, other.revision);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + revision + "+" + build;
    }
}
