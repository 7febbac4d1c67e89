package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flags a call does not know (decision 0341): MAPI_E_UNKNOWN_FLAGS, "One or more values for a flags
 * parameter were not valid" ("MAPI Return Value Documentation"), and the call does nothing.
 */
class SimUnknownFlagsTest {

    private SimRuntime rt;
    private MapiSession session;
    private boolean loggedOff;

    @BeforeEach
    void logon() {
        rt = SimFixture.initialized(TransportSettings.instant().withOffline(true));
        session = SimFixture.logon(rt);
    }

    @AfterEach
    void end() {
        if (!loggedOff) {
            session.logoff(0, 0, 0);
        }
        session.release();
        rt.mapiUninitialize();
    }

    @Test
    void logoffRefusesBitsOtherThanSharedAndUiAndTheSessionStaysLoggedOn() {
        assertFails(HResult.MAPI_E_UNKNOWN_FLAGS, () -> session.logoff(0, MapiFlags.MAPI_LOGOFF_UI | 0x100, 0));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> session.logoff(0, 0, 1));
        // nothing ended: the session still answers as a logged-on one
        MapiTable stores = session.getMsgStoresTable(0);
        assertThat(stores.getRowCount(0)).isPositive();
        stores.release();

        session.logoff(0, MapiFlags.MAPI_LOGOFF_SHARED | MapiFlags.MAPI_LOGOFF_UI, 0); // the two known bits
        loggedOff = true;
        assertThatThrownBy(() -> session.getMsgStoresTable(0)).isInstanceOf(MapiException.class);
    }

    @Test
    void abortSubmitRefusesAnyFlagBecauseUlFlagsIsReserved() {
        MsgStore store = SimFixture.openDefaultStore(session);
        try {
            assertFails(HResult.MAPI_E_UNKNOWN_FLAGS, () -> store.abortSubmit(EntryId.fromHex("0000000001"), 0x1));
        } finally {
            store.release();
        }
    }
}
