package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class InterruptNoticeTest {

    @Test
    void ctrlCWhileTheFlashChangesSaysTheBoardHoldsAPartialImageAndWhatToDo() {
        StringWriter err = new StringWriter();
        try (InterruptNotice notice = InterruptNotice.install(new PrintWriter(err), "virtual")) {
            notice.onInterrupt();
            assertEquals("", err.toString(), "before the first erase the board still holds what it held");

            notice.flashChanging(true);
            notice.onInterrupt();
            assertTrue(err.toString().contains("the virtual board now holds a partial image"), err.toString());
            assertTrue(err.toString().contains("at its next reset secure boot refuses the partial image"), err.toString());
            assertTrue(err.toString().contains("Run the same 'tern flash' again"), err.toString());

            StringWriter after = new StringWriter();
            try (InterruptNotice verified = InterruptNotice.install(new PrintWriter(after), "virtual")) {
                verified.flashChanging(true);
                verified.flashChanging(false);
                verified.onInterrupt();
            }
            assertEquals("", after.toString(), "after the verify the whole image is there");
        }
    }
}
