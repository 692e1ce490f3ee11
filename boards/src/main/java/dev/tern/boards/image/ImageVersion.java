package dev.tern.boards.image;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image version as the header holds it: u8 major, u8 minor, u16 revision, u32 build. Written
 * {@code major.minor.revision+build} with later parts optional, as imgtool's {@code --version}.
 *
 * <p>Ordering follows MCUboot's downgrade check in its default configuration: major, minor,
 * revision; the build number is compared only by {@link #compareWithBuild}.
 */
public record ImageVersion(int major, int minor, int revision, long build) implements Comparable<ImageVersion> {

    private static final Pattern TEXT = Pattern.compile("(\\d+)(?:\\.(\\d+)(?:\\.(\\d+)(?:\\+(\\d+))?)?)?");

    public ImageVersion {
        check("major", major, 0xff);
        check("minor", minor, 0xff);
        check("revision", revision, 0xffff);
        check("build", build, 0xffffffffL);
    }

    /** Parses {@code 1}, {@code 1.4}, {@code 1.4.0} or {@code 1.4.0+7}. */
    public static ImageVersion parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("version=" + text
                    + " is not major.minor.revision+build (later parts optional), e.g. 1.4.0 or 1.4.0+7");
        }
        try {
            return new ImageVersion(Integer.parseInt(m.group(1)),
                    m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version=" + text + " has a part too large for the header", e);
        }
    }

    /** imgtool's {@code --security-counter auto}: (major << 24) + (minor << 16) + revision. */
    public long autoSecurityCounter() {
        return ((long) major << 24) + ((long) minor << 16) + revision;
    }

    @Override
    public int compareTo(ImageVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(revision, other.revision);
    }

    /** Like {@link #compareTo} with the build number as the last key. */
    public int compareWithBuild(ImageVersion other) {
        int c = compareTo(other);
        return c != 0 ? c : Long.compare(build, other.build);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + revision + "+" + build;
    }

    private static void check(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("version " + field + "=" + value + " is outside 0.." + max);
        }
    }
}
