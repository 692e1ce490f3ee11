package dev.tern.boards.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageVersionTest {

    @Test
    void laterPartsAreOptionalAsInImgtool() {
        assertEquals(new ImageVersion(1, 0, 0, 0), ImageVersion.parse("1"));
        assertEquals(new ImageVersion(1, 4, 0, 0), ImageVersion.parse("1.4"));
        assertEquals(new ImageVersion(1, 4, 2, 0), ImageVersion.parse("1.4.2"));
        assertEquals(new ImageVersion(1, 4, 2, 4294967295L), ImageVersion.parse("1.4.2+4294967295"));
        assertEquals("1.4.2+9", ImageVersion.parse("1.4.2+9").toString());
    }

    @Test
    void refusesWhatTheHeaderCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> ImageVersion.parse("256.0.0"));
        assertThrows(IllegalArgumentException.class, () -> ImageVersion.parse("1.0.65536"));
        assertThrows(IllegalArgumentException.class, () -> ImageVersion.parse("1.0.0+4294967296"));
        assertThrows(IllegalArgumentException.class, () -> ImageVersion.parse("1.4+2"));
        assertThrows(IllegalArgumentException.class, () -> ImageVersion.parse("v1.4"));
    }

    @Test
    void buildNumberIsIgnoredByTheDowngradeOrder() {
        assertEquals(0, ImageVersion.parse("1.4.0+9").compareTo(ImageVersion.parse("1.4.0+1")));
        assertTrue(ImageVersion.parse("1.4.0+9").compareWithBuild(ImageVersion.parse("1.4.0+1")) > 0);
        assertTrue(ImageVersion.parse("1.10").compareTo(ImageVersion.parse("1.9.300")) > 0);
    }

    @Test
    void autoSecurityCounterIsImgtools() {
        assertEquals((1L << 24) + (4L << 16) + 2, ImageVersion.parse("1.4.2+5").autoSecurityCounter());
    }
}
