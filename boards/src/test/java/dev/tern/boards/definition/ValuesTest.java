package dev.tern.boards.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void readsDecimalHexAndBinarySuffixes() {
        assertEquals(115200, Values.number("115200"));
        assertEquals(0x0800_0000L, Values.number("0x08000000"));
        assertEquals(0x449, Values.number("0X449"));
        assertEquals(32 * 1024, Values.number("32K"));
        assertEquals(32 * 1024, Values.number("32k"));
        assertEquals(16L * 1024 * 1024, Values.number(" 16M "));
    }

    @Test
    void refusesWhatIsNotANumber() {
        for (String bad : new String[] {"", "0x", "0x1K", "1.5M", "-4", "K", "12KB", "99999999999999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> Values.number(bad), bad);
        }
    }

    @Test
    void expandsSectorGroupsInAddressOrder() {
        List<Integer> f7 = Values.sectors("4x32K, 1x128K, 3x256K");
        assertEquals(8, f7.size());
        assertEquals(List.of(32768, 32768, 32768, 32768, 131072, 262144, 262144, 262144), f7);
        assertEquals("4x32K, 1x128K, 3x256K", Values.sectorsText(f7));
        assertEquals("4096x4K", Values.sectorsText(Values.sectors("4096x4K")));
    }

    @Test
    void readsARegionAsAddressAndSize() {
        Region app = Values.region("app", "0x08020000, 896K");
        assertEquals(new Region("app", 0x0802_0000L, 896 * 1024), app);
        assertEquals("0x8020000, 896K", Values.regionText(app));
        assertThrows(IllegalArgumentException.class, () -> Values.region("app", "0x08020000"));
        assertThrows(IllegalArgumentException.class, () -> Values.region("app", "0x08020000, 0"));
    }
}
