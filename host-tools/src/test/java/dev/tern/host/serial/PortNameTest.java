package dev.tern.host.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PortNameTest {

    @Test
    void aPathIsADevice() {
        assertEquals(new PortName(PortName.Kind.DEVICE, "/dev/ttyUSB0", null, -1), PortName.parse("/dev/ttyUSB0"));
        assertEquals(new PortName(PortName.Kind.DEVICE, "COM3", null, -1), PortName.parse("COM3"));
    }

    @Test
    void socketAndRfc2217UrlsGiveHostAndPort() {
        assertEquals(new PortName(PortName.Kind.SOCKET, null, "127.0.0.1", 4000), PortName.parse("socket://127.0.0.1:4000"));
        assertEquals(new PortName(PortName.Kind.RFC2217, null, "lab-pi.local", 2217), PortName.parse("rfc2217://lab-pi.local:2217"));
    }

    @Test
    void anIpv6HostLosesItsBrackets() {
        assertEquals(new PortName(PortName.Kind.RFC2217, null, "::1", 2217), PortName.parse("rfc2217://[::1]:2217"));
    }

    @Test
    void badNamesSayWhatIsWrong() {
        assertEquals("empty port name; give a device (/dev/ttyUSB0) or socket://host:port",
                assertThrows(IllegalArgumentException.class, () -> PortName.parse(" ")).getMessage());
        assertEquals("'socket://localhost' needs a host and a port, e.g. socket://127.0.0.1:4000",
                assertThrows(IllegalArgumentException.class, () -> PortName.parse("socket://localhost")).getMessage());
        assertEquals("'rfc2217://host:http': the TCP port must be a number from 1 to 65535",
                assertThrows(IllegalArgumentException.class, () -> PortName.parse("rfc2217://host:http")).getMessage());
        assertEquals("'rfc2217://host:70000': the TCP port must be a number from 1 to 65535",
                assertThrows(IllegalArgumentException.class, () -> PortName.parse("rfc2217://host:70000")).getMessage());
        assertEquals("unknown port scheme in 'tcp://host:1'; use a device path, socket://host:port or rfc2217://host:port",
                assertThrows(IllegalArgumentException.class, () -> PortName.parse("tcp://host:1")).getMessage());
    }
}
