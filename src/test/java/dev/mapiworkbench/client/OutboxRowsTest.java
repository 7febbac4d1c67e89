package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PR_DISPLAY_TO as the Outbox model splits it into recipients (read for every row of a 100,000-message logon). */
class OutboxRowsTest {

    @Test
    void displayToSplitsAtSemicolonsTrimmedWithoutEmptyNames() {
        assertThat(OutboxRows.splitRecipients("a@example.test")).containsExactly("a@example.test");
        assertThat(OutboxRows.splitRecipients("  a@example.test ")).containsExactly("a@example.test");
        assertThat(OutboxRows.splitRecipients("a@example.test; b@example.test"))
                .containsExactly("a@example.test", "b@example.test");
        assertThat(OutboxRows.splitRecipients(" a ;; b ; ")).containsExactly("a", "b");
        assertThat(OutboxRows.splitRecipients("")).isEmpty();
        assertThat(OutboxRows.splitRecipients(" ; ")).isEmpty();
    }
}
