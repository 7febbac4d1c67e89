package dev.mapiworkbench.mapi;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Capability: the switches of the MAPI behaviours that Microsoft documents outside "Ending a MAPI
 * Session" (each with its source in docs/mapi-behaviours.md), and what they are doing right now. The
 * simulator offers it; a real backend does not (real MAPI decides for itself).
 *
 * <p>Every switch can also be set when the backend opens, through {@link BackendOptions#extra()}
 * ({@link Settings#fromExtras}), so that scenarios and fault files can name it.
 */
public interface RuleSwitches {

    /** {@code sim.storeLogoffHang}: {@code true} (until released) or a number of milliseconds. */
    String STORE_LOGOFF_HANG = "sim.storeLogoffHang";
    /** {@code sim.fastShutdown}: {@code disabled} makes QueryFastShutdown fail MAPI_E_NO_SUPPORT (policy). */
    String FAST_SHUTDOWN = "sim.fastShutdown";
    /** {@code sim.lateNotifications}: {@code true} delivers one more notification after each Unadvise. */
    String LATE_NOTIFICATIONS = "sim.lateNotifications";
    /** {@code sim.threadRules}: {@code strict} fails MAPI calls from a thread that did not call MAPIInitialize. */
    String THREAD_RULES = "sim.threadRules";

    /**
     * The switches.
     *
     * @param storeLogoffHang      Logoff and the last MAPIUninitialize block while a store the session
     *                             opened was never StoreLogoff'd (pywin32 PR #2196: they "might hang indefinitely")
     * @param hangLimit            how long such a call blocks; null = until {@link #releaseBlockedCalls()}
     *                             or the blocked thread is interrupted
     * @param fastShutdownDisabled an administrator disabled fast shutdown: QueryFastShutdown fails
     *                             MAPI_E_NO_SUPPORT ("Best Practices for Fast Shutdown")
     * @param lateNotifications    a sink receives one more notification after a successful Unadvise
     *                             ("Timing a Notification")
     * @param strictThreads        calls from a thread without its own MAPIInitialize fail
     *                             MAPI_E_NOT_INITIALIZED (Griffin's MAPI multithreading rules, rule 1)
     */
    record Settings(
            boolean storeLogoffHang,
            Duration hangLimit,
            boolean fastShutdownDisabled,
            boolean lateNotifications,
            boolean strictThreads) {

        public Settings {
            if (hangLimit != null && hangLimit.isNegative()) {
                throw new IllegalArgumentException("hangLimit must not be negative: " + hangLimit);
            }
        }

        /** Everything off: the simulator behaves as the 8-step page alone describes. */
        public static Settings defaults() {
            return new Settings(false, null, false, false, false);
        }

        /**
         * Reads the {@code sim.*} keys of {@code extras}; absent keys are off.
         *
         * @throws IllegalArgumentException for a value the key does not take (the message names both)
         */
        public static Settings fromExtras(Map<String, String> extras) {
            String hang = value(extras, STORE_LOGOFF_HANG);
            boolean hangOn = false;
            Duration limit = null;
            if (hang != null && !hang.equals("false")) {
                hangOn = true;
                if (!hang.equals("true")) {
                    try {
                        limit = Duration.ofMillis(Long.parseLong(hang));
                    } catch (NumberFormatException e) {
                        throw bad(STORE_LOGOFF_HANG, hang, "true, false or a number of milliseconds");
                    }
                    if (limit.isNegative()) {
                        throw bad(STORE_LOGOFF_HANG, hang, "true, false or a number of milliseconds");
                    }
                }
            }
            return new Settings(
                    hangOn,
                    limit,
                    flag(extras, FAST_SHUTDOWN, "disabled", "enabled"),
                    flag(extras, LATE_NOTIFICATIONS, "true", "false"),
                    flag(extras, THREAD_RULES, "strict", "lenient"));
        }

        /** The {@code sim.*} keys that give these settings (only the switches that are on). */
        public Map<String, String> toExtras() {
            Map<String, String> m = new HashMap<>();
            if (storeLogoffHang) {
                m.put(STORE_LOGOFF_HANG, hangLimit == null ? "true" : Long.toString(hangLimit.toMillis()));
            }
            if (fastShutdownDisabled) {
                m.put(FAST_SHUTDOWN, "disabled");
            }
            if (lateNotifications) {
                m.put(LATE_NOTIFICATIONS, "true");
            }
            if (strictThreads) {
                m.put(THREAD_RULES, "strict");
            }
            return m;
        }

        public Settings withStoreLogoffHang(boolean on, Duration limit) {
            return new Settings(on, limit, fastShutdownDisabled, lateNotifications, strictThreads);
        }

        public Settings withFastShutdownDisabled(boolean value) {
            return new Settings(storeLogoffHang, hangLimit, value, lateNotifications, strictThreads);
        }

        public Settings withLateNotifications(boolean value) {
            return new Settings(storeLogoffHang, hangLimit, fastShutdownDisabled, value, strictThreads);
        }

        public Settings withStrictThreads(boolean value) {
            return new Settings(storeLogoffHang, hangLimit, fastShutdownDisabled, lateNotifications, value);
        }

        private static String value(Map<String, String> extras, String key) {
            String v = extras == null ? null : extras.get(key);
            return v == null ? null : v.trim().toLowerCase(Locale.ROOT);
        }

        private static boolean flag(Map<String, String> extras, String key, String on, String off) {
            String v = value(extras, key);
            if (v == null || v.equals(off)) {
                return false;
            }
            if (v.equals(on)) {
                return true;
            }
            throw bad(key, v, on + " or " + off);
        }

        private static IllegalArgumentException bad(String key, String value, String expected) {
            return new IllegalArgumentException(key + "=" + value + ": expected " + expected);
        }
    }

    /** A call blocked by a switch (today: Logoff or MAPIUninitialize waiting for a StoreLogoff). */
    record BlockedCall(String api, String thread, String reason, Instant since) {}

    /** One thread's MAPIInitialize count; {@code first} marks the thread whose MAPIInitialize came first. */
    record ThreadInit(String thread, int number, int initCount, boolean first) {}

    Settings ruleSettings();

    /** Takes effect for the next call; turning the StoreLogoff hang off releases the calls it blocks. */
    void applyRules(Settings settings);

    List<BlockedCall> blockedCalls();

    /** Lets every blocked call continue as if the hang had resolved itself. */
    void releaseBlockedCalls();

    /** The per-thread MAPIInitialize bookkeeping, in the order the threads first initialised. */
    List<ThreadInit> threadInits();
}
