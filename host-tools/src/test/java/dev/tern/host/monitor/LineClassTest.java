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
    void anEsp32RomsLinesAtResetAreRomBootLinesAndAWatchdogOrBrownOutResetIsAWarning() {
        LineClass rom = new LineClass(null, LineClass.ROM_TAG, true);
        assertEquals(rom, LineClass.of("ets Jul 29 2019 12:21:46"));
        assertEquals(rom, LineClass.of("ets Jun  8 2016 00:22:57"));
        assertEquals(rom, LineClass.of("rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"));
        assertEquals(rom, LineClass.of("rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"));
        assertEquals(rom, LineClass.of("rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))"));
        assertEquals(rom, LineClass.of("waiting for download"));
        assertEquals(rom, LineClass.of("configsip: 0, SPIWP:0xee"));
        assertEquals(rom, LineClass.of("clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00"));
        assertEquals(rom, LineClass.of("mode:DIO, clock div:2"));
        assertEquals(rom, LineClass.of("load:0x3fff0030,len:7104"));
        assertEquals(rom, LineClass.of("entry 0x40080654"));
        LineClass warning = new LineClass(LogLevel.WARN, LineClass.ROM_TAG, true);
        assertEquals(warning, LineClass.of("rst:0x8 (TG1WDT_SYS_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"));
        assertEquals(rom, LineClass.of("rst:0x10 (RTCWDT_RTC_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"),
                "the RTC watchdog's chip reset that often follows a power-on is no warning");
        assertEquals(warning, LineClass.of("rst:0x7 (TG0WDT_SYS_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"));
        assertEquals(warning, LineClass.of("rst:0xf (RTCWDT_BROWN_OUT_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"));
        assertEquals(LineClass.PLAIN, LineClass.of("ets"), "not the banner's date");
        assertEquals(LineClass.PLAIN, LineClass.of("waiting for download, then more"));
        assertEquals(LineClass.PLAIN, LineClass.of("first: rst:0x1 (POWERON_RESET)"), "only at the start of a line");
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
