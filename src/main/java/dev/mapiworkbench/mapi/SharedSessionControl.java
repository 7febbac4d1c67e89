package dev.mapiworkbench.mapi;

import java.util.List;

/**
 * Capability: simulated peer clients of a shared session (one logged on with MAPI_ALLOW_OTHERS).
 * A peer advises the session for fnevCriticalError and logs off when it receives one.
 */
public interface SharedSessionControl {

    /** Adds a peer client that joins the current shared session; fails MAPI_E_LOGON_FAILED when none is shared. */
    Peer addPeer(String name);

    List<Peer> peers();

    interface Peer {
        String name();

        boolean loggedOn();

        /** What ended it, e.g. "fnevCriticalError MAPI_E_END_OF_SESSION", or null while logged on. */
        String logoffReason();

        /** The notifications its advise sink received, in order ("fnevCriticalError MAPI_E_END_OF_SESSION"). */
        default List<String> received() {
            return List.of();
        }

        /** {@code logged-on}, {@code logged-off} (it logged off itself) or {@code failed} (its logoff failed). */
        default String state() {
            return loggedOn() ? "logged-on" : "logged-off";
        }
    }
}
