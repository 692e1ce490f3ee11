package dev.tern.host.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tern.boards.definition.BoardLoader;
import dev.tern.boards.flash.FlashGeometry;

/** The page plan on the virtual board's layout: 4 x 32 KB, 1 x 128 KB, 3 x 256 KB at 0x08000000. */
class FlashPlanTest {

    private static final FlashGeometry F7 = new BoardLoader().load("virtual").flash().geometry();
    private static final long APP = 0x0802_0000L;

    @Test
    void anImageOverTwoSectorsGivesOneSpanPerSectorAndTheConfigPageItsOwn() {
        byte[] image = new byte[200 * 1024 + 2];
        FlashPlan plan = FlashPlan.of(F7, List.of(new FlashPlan.Segment("image", APP, image),
                new FlashPlan.Segment("config", 0x0800_8000L, new byte[32 * 1024])));
        List<FlashPlan.Span> spans = plan.spans();
        assertEquals(3, spans.size());
        assertEquals(4, spans.get(0).page);
        assertEquals(128 * 1024, spans.get(0).content.length);
        assertEquals(5, spans.get(1).page);
        assertEquals(0x0804_0000L, spans.get(1).address);
        assertEquals(72 * 1024 + 4, spans.get(1).content.length, "padded to a multiple of 4 with 0xFF");
        assertEquals((byte) 0xFF, spans.get(1).content[72 * 1024 + 3]);
        assertEquals(1, spans.get(2).page);
        assertArrayEquals(new int[] {4, 5, 1}, plan.pagesToErase());
    }

    @Test
    void unchangedSpansAreNeitherErasedNorWrittenAndBlankBlocksAreNotWritten() {
        byte[] image = new byte[130 * 1024];
        Arrays.fill(image, (byte) 0xFF);
        Arrays.fill(image, 0, 1024, (byte) 1);         // 4 blocks of data, then blank until...
        Arrays.fill(image, 128 * 1024, 128 * 1024 + 10, (byte) 2); // one block in the next sector
        FlashPlan plan = FlashPlan.of(F7, List.of(new FlashPlan.Segment("image", APP, image)));
        assertEquals(1024 + 256, plan.bytesToWrite());
        plan.spans().get(0).unchanged = true;
        assertArrayEquals(new int[] {5}, plan.pagesToErase());
        assertEquals(256, plan.bytesToWrite());
    }

    @Test
    void twoSegmentsInOnePageAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlashPlan.of(F7, List.of(
                new FlashPlan.Segment("image", APP, new byte[16]), new FlashPlan.Segment("config", APP + 1024, new byte[16]))));
        assertEquals("config and image share page 4 at 0x08020000: erasing it for one would lose the other", e.getMessage());
    }
}
