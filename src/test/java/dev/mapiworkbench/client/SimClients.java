package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Test helpers: simulated client sessions and waiting on the Outbox model without sleeping. */
public final class SimClients {

    private SimClients() {}

    /** A client over the simulated backend on {@code profileDir} with the given transport, not logged on. */
    public static ClientSession open(Path profileDir, TransportSettings transport) {
        return ClientSessions.open(ClientConfig.simulated(profileDir).withTransport(transport));
    }

    /** A logged-on client with an instant transport. */
    public static ClientSession loggedOn(Path profileDir, LogonOptions options) {
        ClientSession s = open(profileDir, TransportSettings.instant());
        s.logon(options);
        return s;
    }

    /**
     * Waits until {@code condition} holds, re-checking on every Outbox change (and re-reading the table
     * every 50 ms in case a notification is still on its way). Fails after {@code timeout}.
     */
    public static void awaitOutbox(ClientSession session, Duration timeout, BooleanSupplier condition) {
        Semaphore changed = new Semaphore(0);
        ClientListener l = new ClientListener() {
            @Override
            public void outboxChanged() {
                changed.release();
            }
        };
        session.addListener(l);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "condition not reached within " + timeout + "; outbox: " + session.outboxSnapshot());
                }
                if (!changed.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    session.refreshOutbox();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            session.removeListener(l);
        }
    }

    public static Draft draft(String subject) {
        return new Draft(subject, "body of " + subject, java.util.List.of("someone@example.com"));
    }
}
