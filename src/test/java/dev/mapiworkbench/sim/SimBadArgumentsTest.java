package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad arguments give MAPI_E_INVALID_PARAMETER (a MapiException), never a NullPointerException or
 * another unchecked crash.
 */
class SimBadArgumentsTest {

    private SimRuntime rt;
    private MapiSession session;
    private MsgStore store;
    private MapiFolder outbox;

    @BeforeEach
    void logon() {
        rt = SimFixture.initialized(TransportSettings.instant().withOffline(true));
        session = SimFixture.logon(rt);
        store = SimFixture.openDefaultStore(session);
        outbox = SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
    }

    @AfterEach
    void logoff() {
        session.logoff(0, 0, 0);
        rt.mapiUninitialize();
    }

    @Test
    @DisplayName("session: null entry ids and sinks are invalid parameters")
    void sessionNulls() {
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> session.openMsgStore(0, null, MapiFlags.MDB_WRITE));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> session.openEntry(null, 0));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> session.advise(null, 0x1, null));
    }

    @Test
    @DisplayName("store and table: null sinks and column sets are invalid parameters; a null entry id opens the root")
    void storeAndTableNulls() {
        // IMsgStore::OpenEntry: "If lpEntryID is NULL, OpenEntry opens the root folder of the message store."
        MapiUnknown root = store.openEntry(null, 0);
        assertThat(root).isInstanceOf(MapiFolder.class);
        root.release();
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> store.advise(null, 0x1, null));
        MapiTable t = outbox.getContentsTable(0);
        try {
            assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> t.setColumns(null, 0));
            assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> t.advise(0x100, null));
        } finally {
            t.release();
        }
    }

    @Test
    @DisplayName("message: null property lists, property values and recipient lists are invalid parameters")
    void messageNulls() {
        MapiMessage m = outbox.createMessage(0);
        try {
            assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> m.setProps(null));
            assertFails(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    () -> m.setProps(Arrays.asList((dev.mapiworkbench.mapi.PropValue) null)));
            assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> m.modifyRecipients(MapiFlags.MODRECIP_ADD, null));
            assertFails(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    () -> m.modifyRecipients(MapiFlags.MODRECIP_ADD, Arrays.asList("a@example.com", null)));
            // IMAPIProp::GetProps: a NULL tag array asks for every property, it is not an error.
            assertThat(m.getProps((int[]) null)).isNotEmpty().noneMatch(v -> v == null);
        } finally {
            m.release();
        }
    }

    @Test
    @DisplayName("buffers: a negative size is an invalid parameter")
    void bufferSizes() {
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> rt.mapiAllocateBuffer(-1));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> rt.mapiAllocateMore(4, null));
    }
}
