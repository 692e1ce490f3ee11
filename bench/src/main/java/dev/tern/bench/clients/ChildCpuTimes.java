package dev.tern.bench.clients;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what bash's {@code times} prints: two lines, the shell's own user and system time, then
 * its waited-for children's, each as {@code 0m0.123s 0m0.045s}.
 */
final class ChildCpuTimes {

    private static final Pattern TIME = Pattern.compile("(\\d+)m(\\d+)\\.(\\d+)s");

    private ChildCpuTimes() {
    }

    /** The children's user plus system time, in ns. */
    static long parse(String times) {
        String[] lines = times.strip().split("\n");
        if (lines.length != 2) {
            throw new IllegalArgumentException("bash 'times' printed " + lines.length + " lines, not 2: " + times);
        }
        Matcher matcher = TIME.matcher(lines[1]);
        long nanos = 0;
        int found = 0;
        while (matcher.find()) {
            String fraction = (matcher.group(3) + "000000000").substring(0, 9);
            nanos += Long.parseLong(matcher.group(1)) * 60_000_000_000L + Long.parseLong(matcher.group(2)) * 1_000_000_000L
                    + Long.parseLong(fraction);
            found++;
        }
        if (found != 2) {
            throw new IllegalArgumentException("no user and system time in bash 'times' line: " + lines[1]);
        }
        return nanos;
    }
}
