package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.MapiBackend;
import dev.mapiworkbench.mapi.MapiBackends;
import dev.mapiworkbench.mapi.MapiRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/** Builds a {@link ClientSession} from a {@link ClientConfig}: backend selection, profile folder, runtime. */
public final class ClientSessions {

    private ClientSessions() {}

    /**
     * Resolves the backend ({@link MapiBackends#byId} or, for a null id, {@link MapiBackends#best}),
     * creates the profile folder when absent, and opens the runtime, which the client owns
     * ({@link ClientSession#shutdown()} closes it). Nothing is logged on yet.
     *
     * @throws IllegalArgumentException for an unknown or unavailable backend (the message says which and why)
     * @throws UncheckedIOException when the profile folder cannot be created (the message names the reason)
     */
    public static ClientSession open(ClientConfig config) {
        MapiBackend backend = resolve(config.backendId());
        if (config.profileDir() != null) {
            try {
                ProfileFolders.create(config.profileDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        MapiRuntime runtime =
                backend.open(new BackendOptions(config.profileDir(), null, config.transport(), config.extra()));
        return ClientSession.owning(runtime);
    }

    /** The backend for an id (null = the best available). */
    public static MapiBackend resolve(String backendId) {
        if (backendId == null) {
            return MapiBackends.best().orElseThrow(() -> new IllegalArgumentException("no MAPI backend is available"));
        }
        MapiBackend backend = MapiBackends.byId(backendId)
                .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + backendId + "' (known: "
                        + MapiBackends.all().stream().map(MapiBackend::id).collect(Collectors.joining(", ")) + ")"));
        MapiBackend.Availability a = backend.probe();
        if (!a.available()) {
            throw new IllegalArgumentException("backend '" + backendId + "' is not available: " + a.reason());
        }
        return backend;
    }
}
