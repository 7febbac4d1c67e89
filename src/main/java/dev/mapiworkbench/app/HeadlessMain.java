package dev.mapiworkbench.app;

/** The headless command line (issue 3). Placeholder until the teardown work lands. */
public final class HeadlessMain {

    private HeadlessMain() {
    }

    /** Runs the command and returns its exit status (0 clean, 1 warnings, 2 errors, 64 bad arguments). */
    public static int run(String[] args) {
        System.err.println("headless mode is not built yet");
        return 2;
    }
}
