package dev.tern.boards.virtual;

import java.io.IOException;

import dev.tern.hal.Firmware;

/**
 * Whether an image's payload is something the board's boot stage can start: a jar whose manifest
 * names its {@link Firmware} class ({@value Firmware#MANIFEST_ATTRIBUTE}) and holds that class.
 * The host checks this before flashing with the same reading the virtual board boots with
 * ({@link ImageClassLoader}), so an image the board would refuse to start is refused up front.
 */
public final class FirmwarePayload {

    private FirmwarePayload() {
    }

    /**
     * @return null when {@code length} bytes at {@code offset} are a firmware jar, else why not
     *         ({@code is not a jar: it has no entries}), to follow "the payload" in a message
     */
    public static String problem(final byte[] image, final int offset, final int length) {
        final ImageClassLoader jar;
        try {
            jar = ImageClassLoader.of("payload-check", image, offset, length);
        } catch (final IOException | RuntimeException e) {
            final String why = String.valueOf(e.getMessage());
            return why.startsWith(ImageClassLoader.NOT_A_JAR) ? "is " + why : "is " + ImageClassLoader.NOT_A_JAR + ": " + why;
        }
        final String name = jar.firmwareClassName();
        if (name == null) {
            return "is a jar whose manifest names no " + Firmware.MANIFEST_ATTRIBUTE + " class (the firmware's main class)";
        }
        if (!jar.holdsClass(name.trim())) {
            return "is a jar whose " + Firmware.MANIFEST_ATTRIBUTE + " class " + name.trim() + " is not in it";
        }
        return null;
    }
}
