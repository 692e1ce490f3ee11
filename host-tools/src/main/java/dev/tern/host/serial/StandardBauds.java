package dev.tern.host.serial;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The baud rates a device can be set to through jssc on Linux: the termios B-constants. jssc has
 * no arbitrary-rate path (BOTHER), and asked for another rate it leaves the old one in place.
 */
final class StandardBauds {

    private static final int[] RATES = {
        50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400, 57600,
        115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000,
        2500000, 3000000, 3500000, 4000000
    };

    private StandardBauds() {
    }

    static boolean isStandard(int baud) {
        return Arrays.binarySearch(RATES, baud) >= 0;
    }

    /** The common ones, for an error message. */
    static String list() {
        return Arrays.stream(RATES).filter(rate -> rate >= 9600 && rate <= 921600)
                .mapToObj(Integer::toString).collect(Collectors.joining(", ")) + " (up to 4000000)";
    }
}
