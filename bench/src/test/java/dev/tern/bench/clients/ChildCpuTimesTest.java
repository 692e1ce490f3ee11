package dev.tern.bench.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChildCpuTimesTest {

    @Test
    void addsTheChildrensUserAndSystemTime() {
        assertEquals(61_250_000_000L + 500_000_000L, ChildCpuTimes.parse("0m0.001s 0m0.002s\n1m1.250s 0m0.500s\n"));
    }

    @Test
    void refusesWhatBashDidNotPrint() {
        assertThrows(IllegalArgumentException.class, () -> ChildCpuTimes.parse("0m0.001s 0m0.002s\n"));
        assertThrows(IllegalArgumentException.class, () -> ChildCpuTimes.parse("0m0.001s 0m0.002s\n0m0.1s\n"));
    }

    @Test
    void readsWhatBashPrintsForARealChild() throws Exception {
        // the child (a subshell) counts to 30,000: some ms of CPU, which 'times' shows for children
        Process process = new ProcessBuilder("bash", "-c",
                "(i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done); times").start();
        String printed = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor());
        assertTrue(ChildCpuTimes.parse(printed) > 0, printed);
    }
}
