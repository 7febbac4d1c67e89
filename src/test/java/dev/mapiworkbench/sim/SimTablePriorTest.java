package dev.mapiworkbench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.SortOrderSet;
import dev.mapiworkbench.mapi.SortOrderSet.Sort;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TABLE_NOTIFICATION's propPrior on the simulator's contents tables (decision 0531): TABLE_ROW_ADDED and
 * TABLE_ROW_MODIFIED name the row before the affected one in the table's own order (its SortTable), PR_NULL
 * when it is the first row ("The propPrior member indicates the row before the added or changed row (PR_NULL
 * indicating a change to the first row)", PidTagInstanceKey,
 * https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/pidtaginstancekey-canonical-property).
 */
class SimTablePriorTest {

    private SimRuntime rt;
    private MapiFolder outbox;

    @BeforeEach
    void setUp() {
        rt = SimFixture.initialized(TransportSettings.instant().withOffline(true));
        MapiSession session = SimFixture.logon(rt);
        MsgStore store = SimFixture.openDefaultStore(session);
        outbox = SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        SimFixture.submit(outbox, "a");
        SimFixture.submit(outbox, "b");
        SimFixture.submit(outbox, "c");
    }

    @AfterEach
    void tearDown() {
        rt.mapiUninitialize();
    }

    private static String subject(Row r) {
        return r.find(PropTag.PR_SUBJECT_W).map(PropValue::asString).orElse("");
    }

    /** The instance key of the row with {@code subject} as the table lists it now. */
    private static byte[] keyOf(MapiTable t, String subject) {
        t.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
        return t.queryRows(100, 0).stream()
                .filter(r -> subject(r).equals(subject))
                .findFirst()
                .orElseThrow()
                .get(PropTag.PR_INSTANCE_KEY)
                .asBinary();
    }

    private static Optional<Notification.TableEvent> last(SimFixture.RecordingSink sink, int event, String subject) {
        List<Notification.TableEvent> events = sink.snapshot().stream()
                .filter(n -> n instanceof Notification.TableEvent)
                .map(n -> (Notification.TableEvent) n)
                .filter(e -> e.tableEvent() == event
                        && e.row() != null
                        && subject(e.row()).equals(subject))
                .toList();
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    private static boolean isEvent(Notification n, int event, String subject) {
        return n instanceof Notification.TableEvent e
                && e.tableEvent() == event
                && e.row() != null
                && subject(e.row()).equals(subject);
    }

    @Test
    void addedAndModifiedRowsNameTheRowBeforeThemInTheTablesSortOrder() throws Exception {
        MapiTable t = outbox.getContentsTable(0);
        // by submit time, newest first: an untimed draft sorts after every timed message, so first
        t.sortTable(SortOrderSet.of(new Sort(PropTag.PR_CLIENT_SUBMIT_TIME, SortOrderSet.TABLE_SORT_DESCEND)), 0);
        SimFixture.RecordingSink sink = new SimFixture.RecordingSink();
        t.advise(EventType.fnevTableModified, sink);

        MapiMessage draft = outbox.createMessage(0);
        draft.setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, "draft")));
        draft.saveChanges(0);
        assertThat(sink.await(n -> isEvent(n, EventType.TABLE_ROW_ADDED, "draft"), SimFixture.WAIT))
                .isTrue();
        Notification.TableEvent added =
                last(sink, EventType.TABLE_ROW_ADDED, "draft").orElseThrow();
        assertThat(added.prior().tag()).as("the first row: PR_NULL").isEqualTo(PropTag.PR_NULL);
        assertThat(added.firstRow()).isTrue();

        // submitted, "d" is the newest timed message: after the draft, before "c"
        SimFixture.submit(outbox, "d");
        assertThat(sink.await(
                        n -> isEvent(n, EventType.TABLE_ROW_MODIFIED, "d")
                                && n instanceof Notification.TableEvent e
                                && e.row().find(PropTag.PR_CLIENT_SUBMIT_TIME).isPresent(),
                        SimFixture.WAIT))
                .isTrue();
        Notification.TableEvent modified =
                last(sink, EventType.TABLE_ROW_MODIFIED, "d").orElseThrow();
        assertThat(modified.prior().tag()).isEqualTo(PropTag.PR_INSTANCE_KEY);
        assertThat(Arrays.equals(modified.prior().asBinary(), keyOf(t, "draft")))
                .as("d comes after the draft")
                .isTrue();
        t.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
        assertThat(t.queryRows(10, 0).stream().map(SimTablePriorTest::subject))
                .containsExactly("draft", "d", "c", "b", "a");

        // the draft changed again is still the first row
        draft.setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, "draft 2")));
        draft.saveChanges(0);
        assertThat(sink.await(n -> isEvent(n, EventType.TABLE_ROW_MODIFIED, "draft 2"), SimFixture.WAIT))
                .isTrue();
        assertThat(last(sink, EventType.TABLE_ROW_MODIFIED, "draft 2")
                        .orElseThrow()
                        .firstRow())
                .isTrue();
        draft.release();
        t.release();
    }

    @Test
    void inCreationOrderANewRowNamesTheLastRowBeforeIt() throws Exception {
        MapiTable t = outbox.getContentsTable(0);
        SimFixture.RecordingSink sink = new SimFixture.RecordingSink();
        t.advise(EventType.fnevTableModified, sink);
        SimFixture.submit(outbox, "d");
        assertThat(sink.await(n -> isEvent(n, EventType.TABLE_ROW_ADDED, "d"), SimFixture.WAIT))
                .isTrue();
        Notification.TableEvent added =
                last(sink, EventType.TABLE_ROW_ADDED, "d").orElseThrow();
        assertThat(Arrays.equals(added.prior().asBinary(), keyOf(t, "c"))).isTrue();
        t.release();
    }
}
