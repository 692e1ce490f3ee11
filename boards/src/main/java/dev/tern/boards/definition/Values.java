package dev.tern.boards.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * The value syntax of board.properties. Numbers: decimal ({@code 115200}), hex ({@code 0x08000000}),
 * or with a binary suffix ({@code 32K} = 32768, {@code 1M} = 1048576). Sector lists:
 * {@code 4x32K, 1x128K, 3x256K}. Regions: {@code ADDRESS, SIZE}. Errors are IllegalArgumentException
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
