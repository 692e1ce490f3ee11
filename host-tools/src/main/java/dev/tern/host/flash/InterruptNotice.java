package dev.tern.host.flash;

import java.io.PrintWriter;

/**
 * Ctrl-C while a flash changes the board (from the first erase until the verify passed): says on
 * the way out what the board holds now and what to do, instead of a bare {@code ^C}. The process
 * still ends with 130, an interrupted command's code.
 */
final class InterruptNotice implements AutoCloseable {

    private final PrintWriter err;
    private final String boardId;
    private final Thread hook;
    private volatile boolean flashChanging;

    private InterruptNotice(PrintWriter err, String boardId) {
        this.err = err;
        this.boardId = boardId;
        this.hook = new Thread(this::onInterrupt, "tern-flash-interrupted");
    }

    /** Registers the shutdown hook until {@link #close()}. */
    static InterruptNotice install(PrintWriter err, String boardId) {
        InterruptNotice notice = new InterruptNotice(err, boardId);
        Runtime.getRuntime().addShutdownHook(notice.hook);
        return notice;
    }

    /** The flash is being changed (true from the first erase) or holds the whole image again (false after verify). */
    void flashChanging(boolean changing) {
        flashChanging = changing;
    }

    void onInterrupt() {
        if (flashChanging) {
            err.println();
            err.println(message(boardId));
            err.flush();
        }
    }

    static String message(String boardId) {
        return "tern flash: interrupted while writing: the " + boardId + " board now holds a partial image and waits in its "
                + "ROM bootloader; at its next reset secure boot refuses the partial image (its hash does not match) and "
                + "it stays there. Run the same 'tern flash' again to write the whole image.";
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it says its piece
        }
    }
}
