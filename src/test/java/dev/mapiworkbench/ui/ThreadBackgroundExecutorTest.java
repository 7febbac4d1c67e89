package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The window's background executor at shut-down: {@code --exit-after-shown} closed it in
 * {@code Application.stop} while the logon that follows the first frame was still queued on the FX thread,
 * and that logon's submit threw a {@code RejectedExecutionException} into the uncaught-exception handler
 * (an ERROR line and an error dialog on the way out). Work submitted after close is now dropped with a
 * debug line.
 */
class ThreadBackgroundExecutorTest {

    @Test
    void workSubmittedBeforeCloseRunsAndItsCallbackCrossesToTheUiThread() throws Exception {
        CompletableFuture<String> got = new CompletableFuture<>();
        ThreadBackgroundExecutor ex = new ThreadBackgroundExecutor(UiThread.direct());
        try {
            ex.submit("answer", () -> Thread.currentThread().getName(), got::complete, got::completeExceptionally);
            assertThat(got.get(30, TimeUnit.SECONDS)).startsWith("workbench-bg-");
        } finally {
            ex.close();
        }
    }

    @Test
    void workSubmittedAfterCloseIsDroppedWithADebugLineAndNoCallbackRuns() {
        Logger log = (Logger) LoggerFactory.getLogger(ThreadBackgroundExecutor.class);
        Level before = log.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        log.setLevel(Level.DEBUG);
        List<String> ran = new CopyOnWriteArrayList<>();
        try {
            ThreadBackgroundExecutor ex = new ThreadBackgroundExecutor(r -> {
                ran.add("callback");
                r.run();
            });
            ex.close();
            assertThatCode(() -> ex.submit(
                            "logon",
                            () -> {
                                ran.add("work");
                                return null;
                            },
                            v -> ran.add("success"),
                            e -> ran.add("failure")))
                    .doesNotThrowAnyException();
        } finally {
            log.detachAppender(lines);
            log.setLevel(before);
        }
        assertThat(ran).isEmpty();
        assertThat(lines.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(e.getFormattedMessage()).contains("'logon'", "dropped", "closed");
        });
    }

    @Test
    void awaitClosedWaitsForTheWorkRunningAtTheClose(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // a writer into the profile (the Notes tab's test session) still running when the window closes: whoever
        // deletes the profile after the close (WorkbenchFixture) waits for it instead of deleting under it
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.nio.file.Path written = dir.resolve("sessions").resolve("notes.json");
        ThreadBackgroundExecutor ex = new ThreadBackgroundExecutor(UiThread.direct());
        ex.submit(
                "save notes",
                () -> {
                    started.countDown();
                    release.await();
                    java.nio.file.Files.createDirectories(written.getParent());
                    return java.nio.file.Files.writeString(written, "{}");
                },
                p -> {},
                e -> {});
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        ex.close();
        assertThat(ex.awaitClosed(java.time.Duration.ZERO))
                .as("the writer is still running")
                .isFalse();
        release.countDown();
        assertThat(ex.awaitClosed(java.time.Duration.ofSeconds(30))).isTrue();
        assertThat(written).exists();
    }
}
