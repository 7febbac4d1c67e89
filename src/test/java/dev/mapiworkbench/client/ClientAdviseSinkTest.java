package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The client's advise sink and late notifications (decisions 0620, 0842): what arrives after its Unadvise is passed
 * on marked late, also when the client's Release came before the notification thread delivered it (the provider
 * held the sink for the notification in flight). {@code FaultKindsUiTest}'s late-notification case waited 60 s for a
 * line that, under load, never came: the teardown's Release of the sink had won that race.
 */
class ClientAdviseSinkTest {

    private static final List<Notification> TABLE_CHANGED =
            List.of(new Notification.TableEvent(1, dev.mapiworkbench.mapi.HResult.S_OK, null, null));

    private final List<String> got = new CopyOnWriteArrayList<>();

    private ClientAdviseSink sink() {
        return new ClientAdviseSink(
                "store sink", list -> got.add("normal"), (unadvise, list) -> got.add("late after " + unadvise));
    }

    @Test
    void aLateNotificationThatArrivesAfterTheClientReleasedTheSinkIsStillPassedOnMarkedLate() {
        ClientAdviseSink sink = sink();
        sink.unadvising("IMsgStore::Unadvise"); // the provider posts the late notification during this call
        assertThat(sink.release()).isZero(); // the teardown's Release runs before the notification thread does
        sink.onNotify(TABLE_CHANGED);
        assertThat(got).containsExactly("late after IMsgStore::Unadvise");
    }

    @Test
    void aSinkReleasedToZeroWithoutUnadviseStillDropsWhatItReceives() {
        ClientAdviseSink sink = sink();
        sink.onNotify(TABLE_CHANGED);
        assertThat(sink.release()).isZero();
        sink.onNotify(TABLE_CHANGED);
        assertThat(got).containsExactly("normal");
    }

    @Test
    void anUnadviseThatFailedLeavesTheConnectionSoItsNotificationsAreNotLate() {
        ClientAdviseSink sink = sink();
        sink.unadvising("IMsgStore::Unadvise");
        sink.unadvising(null); // the call failed: the connection stays
        sink.onNotify(TABLE_CHANGED);
        assertThat(got).containsExactly("normal");
    }
}
