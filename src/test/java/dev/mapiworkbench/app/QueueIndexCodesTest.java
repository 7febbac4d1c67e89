package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.OutboxIndex;
import dev.mapiworkbench.ui.QueueIndex;
import org.junit.jupiter.api.Test;

/**
 * {@code SnapshotBuilder} hands the client's {@link OutboxIndex} state bytes to the window's {@link QueueIndex} as
 * they are (decision 0860); the ui layer may not see the client's class (ArchitectureTest), so each keeps its own
 * constants. This pins them to the same values.
 */
class QueueIndexCodesTest {

    @Test
    void theWindowsStateCodesAreTheClientsOnes() {
        assertThat(new byte[] {
                    QueueIndex.DRAFT,
                    QueueIndex.QUEUED,
                    QueueIndex.SENDING,
                    QueueIndex.SENT,
                    QueueIndex.FAILED,
                    QueueIndex.DEFERRED
                })
                .containsExactly(
                        OutboxIndex.DRAFT,
                        OutboxIndex.QUEUED,
                        OutboxIndex.SENDING,
                        OutboxIndex.SENT,
                        OutboxIndex.FAILED,
                        OutboxIndex.DEFERRED);
    }
}
