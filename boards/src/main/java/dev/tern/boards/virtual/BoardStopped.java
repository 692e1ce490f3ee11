package dev.tern.boards.virtual;

/**
 * Thrown into the firmware by any HAL call made after its board lost power or was reset from
 * outside: the firmware's code must not go on as if it still ran (it would on no real chip).
 * An {@link Error} so that a firmware's {@code catch (Exception e)} does not swallow it.
 */
public final class BoardStopped extends Error {

    private static final long serialVersionUID = 1L;

    public BoardStopped(final String message) {
        super(message);
    }
}
