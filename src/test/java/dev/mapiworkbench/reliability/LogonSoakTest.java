package dev.mapiworkbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Draft;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.WhatIf;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11: at least 200 logon / send / logoff-after-sending cycles on one profile folder (the store
 * file and the profile lock opened and closed each time) leave the process's threads, open file
 * descriptors (/proc/self/fd) and heap flat. Generous bounds, no timing. Cycles:
 * {@code -Dreliability.soak.cycles} (default 200).
 */
class LogonSoakTest {

    private static final Logger LOG = LoggerFactory.getLogger(LogonSoakTest.class);
    private static final int WARM_UP = 20;

    @TempDir
    Path dir;

    record Usage(int threads, long fds, long heap) {}

    static Usage usage() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20); // lets finalisation and the client's idle refresher threads settle (not a timing bound)
        }
        Runtime rt = Runtime.getRuntime();
        return new Usage(
                ManagementFactory.getThreadMXBean().getThreadCount(), openFds(), rt.totalMemory() - rt.freeMemory());
    }

    static long openFds() {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private void cycle(int i) {
        ClientSession s = SimClients.open(dir, TransportSettings.instant());
        try {
            s.logon(LogonOptions.defaults());
            s.send(new Draft("soak " + i, "body", List.of("soak@example.com")));
            Transcript t = new TeardownEngine()
                    .start(
                            s,
                            new TeardownRequest(
                                    Plan.DESKTOP,
                                    Mode.AFTER_SENDING,
                                    false,
                                    false,
                                    false,
                                    WhatIf.none(),
                                    Duration.ofSeconds(30)),
                            e -> {},
                            null)
                    .result()
                    .join();
            assertThat(t.result()).as("cycle %d: %s", i, t.findings()).isEqualTo("clean");
            assertThat(t.leaks()).isEmpty();
            assertThat(t.outbox().after()).isZero();
        } finally {
            s.shutdown();
        }
    }

    @Test
    @Timeout(600)
    void logonLogoffCyclesLeaveThreadsFileHandlesAndHeapFlat() throws Exception {
        int cycles = Math.max(200, Integer.getInteger("reliability.soak.cycles", 200));
        for (int i = 0; i < WARM_UP; i++) {
            cycle(i);
        }
        Usage base = usage();
        Usage mid = null;
        for (int i = WARM_UP; i < cycles; i++) {
            cycle(i);
            if (i == cycles / 2) {
                mid = usage();
            }
        }
        Usage end = usage();
        LOG.info("soak of {} cycles: base {}, middle {}, end {}", cycles, base, mid, end);
        assertThat(end.threads()).as("threads: base %s, end %s", base, end).isLessThanOrEqualTo(base.threads() + 4);
        if (base.fds() >= 0) {
            assertThat(end.fds())
                    .as("file descriptors: base %s, end %s", base, end)
                    .isLessThanOrEqualTo(base.fds() + 8);
        }
        assertThat(end.heap()).as("heap: base %s, end %s", base, end).isLessThan(base.heap() + 64L * 1024 * 1024);
        assertThat(mid).isNotNull();
    }
}
