package dev.tern.hal;

/**
 * The entry point of a firmware image. The board creates the class named by the image jar's
 * manifest attribute {@code Tern-Firmware} (public, with a public no-argument constructor), calls
 * {@link #boot} once, then {@link #step} over and over on one thread until it resets or loses
 * power. A step never blocks; it returns how much work it did, so a board may sleep when steps
 * keep returning 0.
 */
public interface Firmware {

    /** The manifest attribute that names the {@link Firmware} class in an image jar. */
    String MANIFEST_ATTRIBUTE = "Tern-Firmware";

    void boot(Board board);

    int step(long nowMillis);
}
