package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.teardown.CallWatchdog;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --call-timeout SECONDS} of the headless command (a picocli mixin; decision 0310): a teardown call
 * that has not returned after that long is given up on, so that every headless run ends. Without the option
 * the limit is the run's {@code --timeout} (default 300 s), but at least {@value #MIN_DEFAULT_SECONDS} s: a
 * Logoff that waits for a provider to finish sending is an after-sending wait inside one call, and gets the
 * same time.
 */
public class CallTimeoutOption {

    /** The shortest limit taken from --timeout (so that {@code --timeout 0} does not mean "for ever"). */
    static final double MIN_DEFAULT_SECONDS = 10;

    @Option(
            names = "--call-timeout",
            paramLabel = "SECONDS",
            description = "Give up on a teardown call that has not returned after SECONDS (the step ends abandoned,"
                    + " naming the call; exit 2). Default: the --timeout value, at least 10. 0 = wait for ever.")
    Double callTimeoutSeconds;

    /** A bad value, as a one-line message, or null. */
    String validate() {
        if (callTimeoutSeconds != null && !(callTimeoutSeconds >= 0)) {
            return "--call-timeout must be 0 or more seconds, not " + callTimeoutSeconds;
        }
        return null;
    }

    /** The watchdog for one run whose --timeout is {@code timeoutSeconds}. */
    CallWatchdog watchdog(double timeoutSeconds) {
        boolean given = callTimeoutSeconds != null;
        double s = Math.min(
                given ? callTimeoutSeconds : Math.max(timeoutSeconds, MIN_DEFAULT_SECONDS),
                HeadlessCommand.MAX_TIMEOUT_SECONDS);
        String name =
                (given ? "--call-timeout " : "--timeout ") + dev.mapiworkbench.app.scenario.Replays.seconds(s) + " s";
        return new CallWatchdog(Duration.ofMillis(Math.round(s * 1000)), name);
    }
}
