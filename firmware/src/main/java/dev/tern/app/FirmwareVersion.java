package dev.tern.app;

import java.io.IOException;
import java.io.InputStream;

/**
 * The version of the firmware image that runs. The build writes it into the resource
 * {@code dev/tern/app/firmware-version.txt} inside the firmware jar (Maven resource filtering of
 * {@code ${project.version}}), so the version comes from the jar that was flashed, not from the
 * board: flashing the jar of version N+1 shows N+1 in the boot banner. Read once at boot.
 */
public final class FirmwareVersion {

    /** The resource, relative to this package. */
    public static final String RESOURCE = "firmware-version.txt";
    /** What the banner shows when the resource is missing (classes run outside a built jar). */
    public static final String UNKNOWN = "unknown";

    private FirmwareVersion() {
    }

    public static String read() {
        InputStream in = FirmwareVersion.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            return UNKNOWN;
        }
        byte[] buffer = new byte[64];
        int length = 0;
        try {
            try {
                int n;
                while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
                    length += n;
                }
            } finally {
                in.close();
            }
        } catch (IOException e) {
            return UNKNOWN;
        }
        String text = Utf8Text.string(buffer, 0, length).trim();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline).trim();
        }
        return 0 == text.length() || text.startsWith("${") ? UNKNOWN : text;
    }
}
