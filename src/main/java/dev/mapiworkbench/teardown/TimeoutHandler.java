package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.OutboxItem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asked (only when UI is allowed) what to do when the after-sending wait times out. Called on the
 * executor thread; the returned stage may complete later on any thread (e.g. when a dialog closes).
 * Without UI the engine does not ask: it logs off and leaves the rest queued.
 */
@FunctionalInterface
public interface TimeoutHandler {

    CompletionStage<TimeoutChoice> onTimeout(List<OutboxItem> pending, Duration waited);

    /** Always answers {@code choice} at once. */
    static TimeoutHandler always(TimeoutChoice choice) {
        return (pending, waited) -> CompletableFuture.completedFuture(choice);
    }
}
