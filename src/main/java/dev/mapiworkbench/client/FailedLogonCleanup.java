package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends what a failed logon left open, in the {@link ReleaseOrder} the teardown planner also follows
 * (docs/decisions/0034, 0038): Unadvise every connection, release the other objects newest first,
 * MAPIFreeBuffer the cached buffers, Logoff and release the session, then OleUninitialize,
 * MAPIUninitialize and DeinitMapiUtil as often as they were initialised. Each call's failure is logged
 * and the rest goes on, so one bad object does not keep the library initialised.
 */
final class FailedLogonCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(FailedLogonCleanup.class);

    private final Ledger ledger;
    private final MapiRuntime runtime;

    FailedLogonCleanup(Ledger ledger, MapiRuntime runtime) {
        this.ledger = ledger;
        this.runtime = runtime;
    }

    /** Runs every phase of the release order on what the ledger holds. */
    void run() {
        if (ledger.isEmpty()) {
            return;
        }
        LOG.info("cleaning up what the failed logon left open");
        Ledger.ObjectRecord sessionRec = ledger.byRole(Ledger.Role.SESSION).orElse(null);
        for (ReleaseOrder.Phase phase : ReleaseOrder.Phase.values()) {
            switch (phase) {
                case UNADVISE ->
                    ReleaseOrder.advises(ledger).forEach(a -> {
                        attempt(a.unadviseApi(), a::cancel);
                        ledger.unadvised(a.id());
                    });
                case RELEASE_OBJECTS -> ReleaseOrder.objects(ledger).forEach(this::release);
                case FREE_BUFFERS ->
                    ReleaseOrder.buffers(ledger).forEach(b -> {
                        attempt("MAPIFreeBuffer", () -> runtime.mapiFreeBuffer(b.buffer()));
                        ledger.freed(b.id());
                    });
                case LOGOFF -> {
                    if (sessionRec != null) {
                        MapiSession s = (MapiSession) sessionRec.object();
                        attempt("IMAPISession::Logoff", () -> s.logoff(0, 0, 0));
                        ledger.sessionLoggedOff();
                    }
                }
                case RELEASE_SESSION -> {
                    if (sessionRec != null) {
                        attempt("IMAPISession::Release", sessionRec.object()::release);
                        ledger.released(sessionRec.id());
                    }
                }
                default -> uninitialise(phase.init());
            }
        }
    }

    private void release(Ledger.ObjectRecord r) {
        for (int i = r.clientRefs(); i > 0; i--) {
            attempt(r.kind().interfaceName() + "::Release", r.object()::release);
            ledger.released(r.id());
        }
    }

    private void uninitialise(Ledger.Init init) {
        Runnable call = switch (init) {
            case OLE -> runtime::oleUninitialize;
            case MAPI -> runtime::mapiUninitialize;
            case MAPI_UTIL -> runtime::deinitMapiUtil;
        };
        String api = switch (init) {
            case OLE -> "OleUninitialize";
            case MAPI -> "MAPIUninitialize";
            case MAPI_UTIL -> "DeinitMapiUtil";
        };
        for (int i = ledger.initCount(init); i > 0; i--) {
            attempt(api, call);
            ledger.uninitialised(init);
        }
    }

    private static void attempt(String api, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("cleaning up after the failed logon: {} failed: {}", api, e.getMessage());
        }
    }
}
