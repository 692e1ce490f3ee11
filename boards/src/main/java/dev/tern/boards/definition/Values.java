package dev.tern.boards.definition;

import dev.tern.boards.flash.EraseTime;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The value syntax of board.properties. Numbers: decimal ({@code 115200}), hex ({@code 0x08000000}),
 * or with a binary suffix ({@code 32K} = 32768, {@code 1M} = 1048576). Sector lists:
 * {@code 4x32K, 1x128K, 3x256K}. Regions: {@code ADDRESS, SIZE}. Times: a decimal number and a unit
 * ({@code 15.625us}, {@code 250ms}, {@code 2s}); time ranges {@code TYPICAL..MAX}; erase times
 * {@code SIZE TYPICAL..MAX} groups ({@code 32K 250ms..500ms, 256K 1s..2s}). Errors are IllegalArgumentException
 * with a message that the loader prefixes with the file and the key.
 */
final class Values {

    private static final long K = 1024;
    private static final long M = 1024 * 1024;

    private Values() {
    }

    static long number(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("expected a number, got an empty value");
        }
        long unit = 1;
        char last = Character.toUpperCase(value.charAt(value.length() - 1));
        boolean hex = value.startsWith("0x") || value.startsWith("0X");
        if (!hex && (last == 'K' || last == 'M')) {
            unit = last == 'K' ? K : M;
            value = value.substring(0, value.length() - 1);
        }
        try {
            long parsed = hex ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
            if (parsed < 0 || (hex && value.length() == 2)) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(parsed, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("expected a number (decimal, 0x hex, or with a K or M suffix), got '"
                    + text.trim() + "'", e);
        }
    }

    static int intNumber(String text) {
        long value = number(text);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected at most " + Integer.MAX_VALUE + ", got " + value);
        }
        return (int) value;
    }

    /** {@code 4x32K, 1x128K, 3x256K} as one size per sector. */
    static List<Integer> sectors(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String group : text.split(",")) {
            String item = group.trim();
            int x = item.indexOf('x');
            if (x <= 0 || item.startsWith("0x")) {
                throw new IllegalArgumentException("expected COUNTxSIZE groups separated by commas (4x32K, 1x128K), got '"
                        + item + "'");
            }
            long count;
            long size;
            try {
                count = number(item.substring(0, x));
                size = number(item.substring(x + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sector group '" + item + "': " + e.getMessage(), e);
            }
            if (count < 1 || size < 1 || size > Integer.MAX_VALUE || sizes.size() + count > 1_000_000) {
                throw new IllegalArgumentException("sector group '" + item + "' needs a count and size of at least 1");
            }
            for (long i = 0; i < count; i++) {
                sizes.add((int) size);
            }
        }
        return sizes;
    }

    /** The shortest {@code COUNTxSIZE} form of a list of sector sizes. */
    static String sectorsText(List<Integer> sizes) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < sizes.size()) {
            int run = 1;
            while (i + run < sizes.size() && sizes.get(i + run).equals(sizes.get(i))) {
                run++;
            }
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(run).append('x').append(sizeText(sizes.get(i)));
            i += run;
        }
        return text.toString();
    }

    private static final String[] TIME_UNITS = {"ns", "us", "ms", "s"};
    private static final long[] TIME_UNIT_NANOS = {1, 1_000, 1_000_000, 1_000_000_000};

    /** {@code 15.625us}, {@code 250ms}, {@code 2s} in nanoseconds (whole ones). */
    static long nanos(String text) {
        String value = text.trim();
        for (int i = TIME_UNITS.length - 1; i >= 0; i--) {
            String unit = TIME_UNITS[i];
            // "ms", "us", "ns" end in "s" too: try the two-letter units first
            if (value.endsWith(unit) && (unit.length() == 2 || !Character.isLetter(value.charAt(Math.max(0, value.length() - 2))))) {
                try {
                    BigDecimal number = new BigDecimal(value.substring(0, value.length() - unit.length()).trim());
                    BigDecimal result = number.multiply(BigDecimal.valueOf(TIME_UNIT_NANOS[i]));
                    if (number.signum() < 0 || result.stripTrailingZeros().scale() > 0) {
                        throw new NumberFormatException();
                    }
                    return result.longValueExact();
                } catch (NumberFormatException | ArithmeticException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("expected a time: a number and ns, us, ms or s (15.625us, 250ms, 2s), got '"
                + value + "'");
    }

    /** {@code TYPICAL..MAX}: two times, the first at most the second. */
    static long[] nanosRange(String text) {
        String[] parts = text.split("\\.\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected TYPICAL..MAX (16us..100us), got '" + text.trim() + "'");
        }
        long typical = nanos(parts[0]);
        long max = nanos(parts[1]);
        if (max < typical) {
            throw new IllegalArgumentException("the maximum " + parts[1].trim() + " is less than the typical " + parts[0].trim());
        }
        return new long[] {typical, max};
    }

    /** {@code 32K 250ms..500ms, 256K 1s..2s}. */
    static List<EraseTime> eraseTimes(String text) {
        List<EraseTime> times = new ArrayList<>();
        for (String group : text.split(",")) {
            String[] parts = group.trim().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected SIZE TYPICAL..MAX groups separated by commas (32K 250ms..500ms), got '"
                        + group.trim() + "'");
            }
            long size = number(parts[0]);
            if (size < 1 || size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("erase unit size " + parts[0] + " must be 1.." + Integer.MAX_VALUE);
            }
            long[] range = nanosRange(parts[1]);
            times.add(new EraseTime((int) size, range[0], range[1]));
        }
        return times;
    }

    /** The shortest exact form: 2s, 250ms, 15625ns. */
    static String nanosText(long nanos) {
        for (int i = TIME_UNITS.length - 1; i > 0; i--) {
            if (nanos != 0 && nanos % TIME_UNIT_NANOS[i] == 0) {
                return nanos / TIME_UNIT_NANOS[i] + TIME_UNITS[i];
            }
        }
        return nanos + "ns";
    }

    static String eraseTimesText(List<EraseTime> times) {
        StringBuilder text = new StringBuilder();
        for (EraseTime time : times) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(sizeText(time.unitSize())).append(' ').append(nanosText(time.typicalNanos())).append("..")
                    .append(nanosText(time.maxNanos()));
        }
        return text.toString();
    }

    /** {@code ADDRESS, SIZE}. */
    static Region region(String name, String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected ADDRESS, SIZE (0x08020000, 896K), got '" + text.trim() + "'");
        }
        long size = number(parts[1]);
        if (size == 0) {
            throw new IllegalArgumentException("a region needs a size of at least 1 byte");
        }
        return new Region(name, number(parts[0]), size);
    }

    static String regionText(Region region) {
        return hex(region.address()) + ", " + sizeText(region.size());
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }

    /** 1M, 32K, or plain bytes: the form a person would write. */
    static String sizeText(long size) {
        if (size >= M && size % M == 0) {
            return size / M + "M";
        }
        if (size >= K && size % K == 0) {
            return size / K + "K";
        }
        return Long.toString(size);
    }
}
