package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.win32.MapiDouble.Call;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications delivered by the native double through the OnNotify slot (3) of the Java advise
 * sink's native vtable, decoded from NOTIFICATION arrays with the x64 88-byte stride. The double
 * calls OnNotify on the test thread, standing in for MAPI's notification thread, so delivery is
 * synchronous and needs no waiting.
 */
class Win32NotificationContractTest {

    private static final byte[] MSG_42 = entryId("MSG:42");
    private static final byte[] OUTBOX = entryId("FOLDER:Outbox");

    private MapiDouble dbl;
    private Win32Runtime rt;
    private MapiSession session;
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void logOn() {
        dbl = MapiDouble.loadOrSkip();
        dbl.reset();
        rt = Win32TeardownContractTest.openRuntime(dbl.path());
        rt.mapiInitialize(MapiInit.multithreaded());
        session = rt.mapiLogonEx(0, "Demo", null, MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_EXPLICIT_PROFILE);
    }

    @AfterEach
    void logOff() {
        if (rt != null) {
            session.logoff(0, 0, 0);
            session.release();
            rt.mapiUninitialize();
            rt.close();
        }
    }

    private static byte[] entryId(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] id = new byte[4 + t.length];
        System.arraycopy(t, 0, id, 4, t.length);
        return id;
    }

    private int record(List<Notification> batch) {
        received.addAll(batch);
        return 0;
    }

    @Test
    void criticalErrorCarriesTheScodeAndTheMapiError() {
        long conn = session.advise(null, EventType.fnevCriticalError, this::record);

        int result = dbl.notifyCriticalError(conn, HResult.MAPI_E_END_OF_SESSION.value());

        assertThat(result).isZero();
        assertThat(received).hasSize(1);
        Notification.CriticalError e = (Notification.CriticalError) received.get(0);
        assertThat(e.eventType()).isEqualTo(EventType.fnevCriticalError);
        assertThat(e.scode()).isEqualTo(HResult.MAPI_E_END_OF_SESSION);
        assertThat(e.entryId()).isNull();
        assertThat(e.flags()).isZero();
        assertThat(e.error()).isEqualTo("Session shutdown in progress");
        assertThat(e.component()).isEqualTo("mapidouble");
        session.unadvise(conn);
    }

    @Test
    void tableRowAddedCarriesTheIndexAndTheRow() {
        MapiTable status = session.getStatusTable(0);
        long conn = status.advise(EventType.fnevTableModified, this::record);

        dbl.notifyTableRowAdded(conn);

        assertThat(received).hasSize(1);
        Notification.TableEvent t = (Notification.TableEvent) received.get(0);
        assertThat(t.tableEvent()).isEqualTo(EventType.TABLE_ROW_ADDED);
        assertThat(t.hresult()).isEqualTo(HResult.S_OK);
        assertThat(t.index().tag()).isEqualTo(PropTag.PR_INSTANCE_KEY);
        assertThat(t.index().asBinary()).containsExactly(0xDE, 0xAD, 0xBE, 0xEF);
        // propPrior @32: PR_NULL, the row is the table's first (decision 0531)
        assertThat(t.prior().tag()).isEqualTo(PropTag.PR_NULL);
        assertThat(t.firstRow()).isTrue();
        assertThat(t.row().props())
                .extracting(PropValue::tag)
                .containsExactly(PropTag.PR_ENTRYID, PropTag.PR_SUBJECT_W, PropTag.PR_MESSAGE_FLAGS);
        assertThat(t.row().get(PropTag.PR_ENTRYID).asBinary()).isEqualTo(MSG_42);
        assertThat(t.row().get(PropTag.PR_SUBJECT_W).asString()).isEqualTo("Quarterly \u00fcbersicht");
        assertThat(t.row().get(PropTag.PR_MESSAGE_FLAGS).asInt())
                .isEqualTo(MapiFlags.MSGFLAG_SUBMIT | MapiFlags.MSGFLAG_UNSENT);
        status.unadvise(conn);
        status.release();
    }

    @Test
    void anArrayOfNotificationsIsReadWithTheNotificationStride() {
        long conn = session.advise(
                null, EventType.fnevNewMail | EventType.fnevObjectCreated | EventType.fnevTableModified, this::record);

        dbl.notifyBatch(conn);

        assertThat(received).hasSize(3);
        Notification.NewMail mail = (Notification.NewMail) received.get(0);
        assertThat(mail.entryId()).isEqualTo(new EntryId(MSG_42));
        assertThat(mail.parentId()).isEqualTo(new EntryId(OUTBOX));
        assertThat(mail.messageClass()).isEqualTo("IPM.Note");
        assertThat(mail.messageFlags()).isEqualTo(MapiFlags.MSGFLAG_READ);
        Notification.ObjectEvent created = (Notification.ObjectEvent) received.get(1);
        assertThat(created.eventType()).isEqualTo(EventType.fnevObjectCreated);
        assertThat(created.objType()).isEqualTo(MapiFlags.MAPI_MESSAGE);
        assertThat(created.entryId()).isEqualTo(new EntryId(MSG_42));
        assertThat(created.parentId()).isEqualTo(new EntryId(OUTBOX));
        assertThat(created.oldId()).isNull();
        assertThat(created.oldParentId()).isNull();
        Notification.TableEvent row = (Notification.TableEvent) received.get(2);
        assertThat(row.tableEvent()).isEqualTo(EventType.TABLE_ROW_ADDED);
        assertThat(row.row().get(PropTag.PR_SUBJECT_W).asString()).isEqualTo("Quarterly \u00fcbersicht");
        session.unadvise(conn);
    }

    @Test
    void aFailingSinkDoesNotThrowIntoMapiAndReturnsZero() {
        long conn = session.advise(null, EventType.fnevCriticalError, batch -> {
            throw new IllegalStateException("sink bug");
        });

        int result = dbl.notifyCriticalError(conn, HResult.MAPI_E_CALL_FAILED.value());

        assertThat(result).isZero();
        Call delivered = dbl.log().stream()
                .filter(c -> c.name().equals("IMAPIAdviseSink::OnNotify"))
                .findFirst()
                .orElseThrow();
        assertThat(delivered.args()).containsExactly(conn, 1L, 0L);
        session.unadvise(conn);
    }

    @Test
    void mapiHoldsItsOwnReferenceToTheSinkUntilUnadvise() {
        long conn = session.advise(null, EventType.fnevCriticalError, this::record);
        Call advise = dbl.log().stream()
                .filter(c -> c.name().equals("IMAPISession::Advise"))
                .findFirst()
                .orElseThrow();
        // args: cbEntryID, ulEventMask, sink pointer, connection, the sink's count after MAPI's AddRef
        assertThat(advise.args()[0]).isZero();
        assertThat(advise.args()[1]).isEqualTo(EventType.fnevCriticalError);
        assertThat(advise.args()[3]).isEqualTo(conn);
        assertThat(advise.args()[4]).as("backend reference + MAPI's AddRef").isEqualTo(2L);
        assertThat(rt.liveSinkCount()).isEqualTo(1);

        session.unadvise(conn);
        Call unadvise = dbl.log().stream()
                .filter(c -> c.name().equals("IMAPISession::Unadvise"))
                .findFirst()
                .orElseThrow();
        assertThat(unadvise.args()).containsExactly(conn, 1L);
        assertThat(rt.liveSinkCount()).isZero();
    }
}
