package dev.mapiworkbench.mapi;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a backend needs to open: the profile folder (the simulator keeps the profile's store file
 * there; a real backend ignores it), the MAPI profile name (null = default profile), the
 * simulated transport's initial settings, and free-form extras (e.g. {@code win32.library}).
 */
public record BackendOptions(
        Path profileDir, String profileName, TransportSettings transport, Map<String, String> extra) {

    public BackendOptions {
        extra = Map.copyOf(extra);
        transport = transport == null ? TransportSettings.defaults() : transport;
    }

    public static BackendOptions simulated(Path profileDir) {
        return new BackendOptions(profileDir, null, TransportSettings.instant(), Map.of());
    }

    public BackendOptions withTransport(TransportSettings settings) {
        return new BackendOptions(profileDir, profileName, settings, extra);
    }

    /** These options with {@code key} set to {@code value} in {@link #extra()} (null removes it). */
    public BackendOptions withExtra(String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(extra);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new BackendOptions(profileDir, profileName, transport, m);
    }
}
