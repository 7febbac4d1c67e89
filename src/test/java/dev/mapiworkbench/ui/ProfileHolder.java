package dev.mapiworkbench.ui;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.WhatIf;
import java.nio.file.Path;
import java.time.Duration;

/** Another session of this process logged on to a profile, so that the window's logon is refused. */
final class ProfileHolder implements AutoCloseable {

    private final ClientSession session;

    private ProfileHolder(ClientSession session) {
        this.session = session;
    }

    /** Logs a session on to {@code profile}; {@link #close} logs it off ("log off now") and shuts it down. */
    static ProfileHolder hold(Path profile) {
        ClientSession s = SimClients.open(profile, TransportSettings.instant());
        s.logon(LogonOptions.defaults());
        return new ProfileHolder(s);
    }

    /** Logs {@code s} off now (desktop plan, no UI) and shuts it down. */
    static void logOffNow(ClientSession s) {
        new TeardownEngine()
                .start(
                        s,
                        new TeardownRequest(
                                Plan.DESKTOP, Mode.NOW, false, false, false, WhatIf.none(), Duration.ofSeconds(5)),
                        e -> {},
                        null)
                .result()
                .join();
        s.shutdown();
    }

    @Override
    public void close() {
        logOffNow(session);
    }
}
