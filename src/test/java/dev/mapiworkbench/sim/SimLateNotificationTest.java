package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.RuleSwitches;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Timing a Notification" (https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/cc839637(v=office.14)):
 * "You can receive notifications from an advise source after you have called Unadvise to cancel a
 * registration." Behind {@code sim.lateNotifications}.
 */
class SimLateNotificationTest {

    private SimRuntime rt;

    private MapiSession logOn(Map<String, String> extra) {
        rt = SimFixture.initialized(extra);
        return SimFixture.logon(rt);
    }

    private SimFixture.RecordingSink adviseAndUnadvise(MapiSession s) throws InterruptedException {
        MapiTable status = s.getMsgStoresTable(0); // no spooler traffic on it: only the late notification can arrive
        SimFixture.RecordingSink sink = new SimFixture.RecordingSink();
        long conn = status.advise(EventType.fnevTableModified, sink);
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
        sink.received.clear();
        status.unadvise(conn);
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
        status.release();
        return sink;
    }

    @Test
    @DisplayName("Timing a Notification: with the switch on, the sink is called once more after a successful Unadvise")
    void aLateNotificationArrivesAfterUnadvise() throws Exception {
        MapiSession s = logOn(Map.of(RuleSwitches.LATE_NOTIFICATIONS, "true"));
        SimFixture.RecordingSink sink = adviseAndUnadvise(s);
        assertThat(sink.snapshot())
                .singleElement()
                .isInstanceOfSatisfying(
                        Notification.TableEvent.class,
                        t -> assertThat(t.tableEvent()).as("TABLE_CHANGED").isEqualTo(1));
        assertThat(sink.threads).allMatch(t -> t.startsWith("sim-mapi-notify-"));
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
    }

    @Test
    void withoutTheSwitchNothingArrivesAfterUnadvise() throws Exception {
        MapiSession s = logOn(Map.of());
        assertThat(adviseAndUnadvise(s).snapshot()).isEmpty();
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
    }
}
