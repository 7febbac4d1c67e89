package dev.mapiworkbench.mapi;

/**
 * A MAPI backend, found through {@link java.util.ServiceLoader} (META-INF/services). The simulated
 * backend is always available; a native one only where its probe says so.
 */
public interface MapiBackend {

    /** {@code sim} or {@code win32}: the value of {@code --backend}. */
    String id();

    /** "Simulated", "Outlook MAPI". */
    String displayName();

    /** Higher wins when the user did not choose. */
    int priority();

    /** Cheap check: can this backend run here? Never throws. */
    Availability probe();

    /** Creates the runtime; the caller then calls MAPIInitialize on it. */
    MapiRuntime open(BackendOptions options);

    /** The result of a probe: available, or a sentence saying why not. */
    record Availability(boolean available, String reason) {
        public static Availability yes() {
            return new Availability(true, "available");
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
