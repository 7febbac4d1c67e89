package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link ClientSessions#open(ClientConfig)} needs to build a {@link ClientSession}: the backend id
 * ({@code sim}, {@code win32}; null picks the best available one), the profile folder (created when
 * absent), the simulated transport's settings, and free-form backend extras.
 */
public record ClientConfig(String backendId, Path profileDir, TransportSettings transport, Map<String, String> extra) {

    public ClientConfig {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        transport = transport == null ? TransportSettings.defaults() : transport;
    }

    /** The simulated backend on a profile folder with an instant transport (tests). */
    public static ClientConfig simulated(Path profileDir) {
        return new ClientConfig("sim", profileDir, TransportSettings.instant(), Map.of());
    }

    public ClientConfig withTransport(TransportSettings settings) {
        return new ClientConfig(backendId, profileDir, settings, extra);
    }
}
