package dev.mapiworkbench.client;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Shuts down every client session a test opened ({@code @RegisterExtension}). */
final class SessionTracker implements AfterEachCallback {

    private final List<ClientSession> sessions = new ArrayList<>();

    ClientSession track(ClientSession s) {
        sessions.add(s);
        return s;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        sessions.forEach(ClientSession::shutdown);
        sessions.clear();
    }
}
