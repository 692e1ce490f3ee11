package dev.tern.boards.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageVersionTest {

    @Test
    void parsesAndPrintsMajorMinorRevisionBuild() {
        assertEquals(new ImageVersion(1, 4, 0, 7), ImageVersion.parse("1.4.0+7"));
        assertEquals("1.4.0+0", ImageVersion.parse("1.4.0").toString());
        assertThrows(IllegalArgumentException.class, () -> ImageVersion.parse("1.4"));
        assertThrows(IllegalArgumentException.class, () -> ImageVersion.parse("1.4.x"));
        assertThrows(IllegalArgumentException.class, () -> ImageVersion.parse("256.0.0"));
    }

    @Test
    void ordersByMajorMinorRevisionNotBuild() {
        assertTrue(ImageVersion.parse("1.4.0").compareTo(ImageVersion.parse("1.3.9")) > 0);
        assertTrue(ImageVersion.parse("1.10.0").compareTo(ImageVersion.parse("2.0.0")) < 0);
        assertTrue(ImageVersion.parse("1.0.300").compareTo(ImageVersion.parse("1.0.2")) > 0);
        assertEquals(0, ImageVersion.parse("1.0.0+9").compareTo(ImageVersion.parse("1.0.0+1")), "MCUboot's default ignores the build");
    }
}
