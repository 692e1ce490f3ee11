package dev.tern.host.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineClassTest {

    @Test
    void firmwareLogLinesGiveTheirLevelAndTag() {
        assertEquals(new LineClass(LogLevel.INFO, "boot", false), LineClass.of("I 0.000 boot: Tern sensor firmware 0.1.0"));
        assertEquals(new LineClass(LogLevel.WARN, "cfg", false), LineClass.of("W 0.002 cfg: unknown key foo.bar ignored"));
        assertEquals(new LineClass(LogLevel.ERROR, "mqtt", false), LineClass.of("E 12.345 mqtt: no MQTT"));
        assertEquals(new LineClass(LogLevel.DEBUG, "app", false), LineClass.of("D 5.000 app: temperature {\"seq\":1}"));
        assertEquals(new LineClass(LogLevel.TRACE, "mqtt", false),
                LineClass.of("T 5.001 mqtt: send: publish (id=17, qos=2, dup=0, 42 B)"));
    }

    @Test
    void theBootStagesLinesAreBootLinesAndItsRefusalsAreErrors() {
        assertEquals(new LineClass(null, "boot", true), LineClass.of("boot: image 0.1.0+0 verified (ed25519)"));
        assertEquals(new LineClass(LogLevel.ERROR, "boot", true),
                LineClass.of("boot: refused: bad signature; staying in bootloader"));
        assertEquals(new LineClass(LogLevel.ERROR, "fault", true),
                LineClass.of("fault: the firmware threw java.lang.Error; staying in bootloader"));
    }

    @Test
    void textInNoKnownFormatIsPlain() {
        assertEquals(LineClass.PLAIN, LineClass.of(""));
        assertEquals(LineClass.PLAIN, LineClass.of("hello"));
        assertEquals(LineClass.PLAIN, LineClass.of("I am not a log line: really"));
        assertEquals(LineClass.PLAIN, LineClass.of("X 0.000 boot: unknown level"));
        assertEquals(LineClass.PLAIN, LineClass.of("I 0 boot: no millis"));
        assertEquals(LineClass.PLAIN, LineClass.of("I 0.000 two words: tag"));
    }
}
