package dev.mapiworkbench.mapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** mapi-reference §2.1–§2.7: flags, event types and property tags with their exact values. */
class ConstantsTest {

    @Test
    void logoffFlagsMatchMapixH() {
        // §2.1, MAPIX.h:155-156
        assertThat(MapiFlags.MAPI_LOGOFF_SHARED).isEqualTo(0x1);
        assertThat(MapiFlags.MAPI_LOGOFF_UI).isEqualTo(0x2);
        assertThat(MapiFlags.logoffFlagNames(0x2)).containsExactly("MAPI_LOGOFF_UI");
        assertThat(MapiFlags.logoffFlagNames(0x3)).containsExactly("MAPI_LOGOFF_SHARED", "MAPI_LOGOFF_UI");
        assertThat(MapiFlags.logoffFlagNames(0)).isEmpty();
        assertThat(MapiFlags.logoffFlagNames(0x10)).containsExactly("0x00000010");
    }

    @Test
    void logonAndInitFlags() {
        assertThat(MapiFlags.MAPI_LOGON_UI).isEqualTo(0x1);
        assertThat(MapiFlags.MAPI_NEW_SESSION).isEqualTo(0x2);
        assertThat(MapiFlags.MAPI_ALLOW_OTHERS).isEqualTo(0x8);
        assertThat(MapiFlags.MAPI_EXPLICIT_PROFILE).isEqualTo(0x10);
        assertThat(MapiFlags.MAPI_EXTENDED).isEqualTo(0x20);
        assertThat(MapiFlags.MAPI_UNICODE).isEqualTo(0x80000000);
        assertThat(MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS).isEqualTo(0x1);
        assertThat(MapiFlags.MAPI_NO_COINIT).isEqualTo(0x8);
        assertThat(MapiInit.multithreaded()).isEqualTo(new MapiInit(0, 1));
    }

    @Test
    void statusAndFlushValues() {
        // §2.7
        assertThat(MapiFlags.MAPI_SPOOLER).isEqualTo(37);
        assertThat(MapiFlags.MAPI_SUBSYSTEM).isEqualTo(39);
        assertThat(MapiFlags.MAPI_TRANSPORT_PROVIDER).isEqualTo(36);
        assertThat(MapiFlags.STATUS_FLUSH_QUEUES).isEqualTo(0x8);
        assertThat(MapiFlags.STATUS_OUTBOUND_ACTIVE).isEqualTo(0x00200000);
        assertThat(MapiFlags.STATUS_OUTBOUND_FLUSH).isEqualTo(0x00400000);
        assertThat(MapiFlags.FLUSH_UPLOAD).isEqualTo(0x02);
        assertThat(MapiFlags.FLUSH_ASYNC_OK).isEqualTo(0x20);
        assertThat(MapiFlags.LOGOFF_OUTBOUND_QUEUE).isEqualTo(0x80000);
        assertThat(MapiFlags.MSGFLAG_SUBMIT).isEqualTo(0x4);
        assertThat(MapiFlags.SUBMITFLAG_LOCKED).isEqualTo(0x1);
    }

    @Test
    void eventTypesAndNames() {
        // §2.3
        assertThat(EventType.fnevCriticalError).isEqualTo(0x1);
        assertThat(EventType.fnevTableModified).isEqualTo(0x100);
        assertThat(EventType.fnevExtended).isEqualTo(0x80000000);
        assertThat(EventType.maskName(EventType.fnevObjectCreated | EventType.fnevObjectDeleted))
                .isEqualTo("fnevObjectCreated|fnevObjectDeleted");
        assertThat(EventType.tableEventName(EventType.TABLE_ROW_ADDED)).isEqualTo("TABLE_ROW_ADDED");
        assertThat(new Notification.TableEvent(EventType.TABLE_CHANGED, HResult.S_OK, null, null).eventType())
                .isEqualTo(EventType.fnevTableModified);
    }

    @Test
    void propertyTagsAreIdShiftedOrType() {
        // §2.5: PROP_TAG(type, id) = id << 16 | type
        assertThat(PropTag.PR_IPM_SUBTREE_ENTRYID).isEqualTo(0x35E00102);
        assertThat(PropTag.PR_IPM_OUTBOX_ENTRYID).isEqualTo(0x35E20102);
        assertThat(PropTag.PR_IPM_SENTMAIL_ENTRYID).isEqualTo(0x35E40102);
        assertThat(PropTag.PR_RESOURCE_TYPE).isEqualTo(0x3E030003);
        assertThat(PropTag.tag(0x0037, PropTag.PT_UNICODE)).isEqualTo(PropTag.PR_SUBJECT_W);
        assertThat(PropTag.id(PropTag.PR_SUBJECT_W)).isEqualTo(0x0037);
        assertThat(PropTag.type(PropTag.PR_SUBJECT_W)).isEqualTo(PropTag.PT_UNICODE);
        assertThat(PropTag.name(PropTag.PR_IPM_SUBTREE_ENTRYID)).isEqualTo("PR_IPM_SUBTREE_ENTRYID");
        assertThat(PropTag.name(0x12340003)).isEqualTo("0x12340003");
    }

    @Test
    void propValuesCompareBinaryByContentAndCarryErrors() {
        assertThat(PropValue.of(PropTag.PR_ENTRYID, new byte[] {1, 2}))
                .isEqualTo(PropValue.of(PropTag.PR_ENTRYID, new byte[] {1, 2}));
        PropValue miss = PropValue.error(PropTag.PR_SUBJECT_W, HResult.MAPI_E_NOT_FOUND);
        assertThat(miss.isError()).isTrue();
        assertThat(miss.tag()).isEqualTo(0x0037000A);
        assertThat(new EntryId(new byte[] {0, 0, 0, 0, (byte) 0xAB}).toHex()).isEqualTo("00000000AB");
        assertThat(EntryId.fromHex("00000000ab")).isEqualTo(new EntryId(new byte[] {0, 0, 0, 0, (byte) 0xAB}));
    }

    @Test
    void transportSettingsRejectNonsense() {
        assertThatThrownBy(() -> TransportSettings.instant().withLatency(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latencyMillis");
        assertThatThrownBy(() -> TransportSettings.instant().withFailProbability(1.5, 1))
                .hasMessageContaining("failProbability");
        assertThat(TransportSettings.defaults().latencyMillis()).isGreaterThanOrEqualTo(1000);
    }
}
