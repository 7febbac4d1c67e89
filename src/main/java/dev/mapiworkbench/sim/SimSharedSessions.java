package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.SharedSessionControl;
import java.util.ArrayList;
import java.util.List;

/** The simulator's {@link SharedSessionControl}: peer clients joining the shared session, under the runtime lock. */
final class SimSharedSessions implements SharedSessionControl {

    private final SimRuntime rt;
    /** Guarded by the runtime lock. */
    private final List<SimPeer> peers = new ArrayList<>();

    SimSharedSessions(SimRuntime rt) {
        this.rt = rt;
    }

    @Override
    public Peer addPeer(String name) {
        return rt.locked(() -> {
            SimSession shared = sharedSession();
            if (shared == null) {
                throw new MapiException(
                        HResult.MAPI_E_LOGON_FAILED,
                        "MAPILogonEx",
                        "peer '" + name + "': no session logged on with MAPI_ALLOW_OTHERS to join");
            }
            SimPeer peer = new SimPeer(rt, name, shared);
            peers.add(peer);
            shared.peers.add(peer);
            return peer;
        });
    }

    @Override
    public List<Peer> peers() {
        return rt.locked(() -> List.copyOf(peers));
    }

    /** The shared, valid session a peer joins, or null (lock held). */
    private SimSession sharedSession() {
        SimSession shared = null;
        for (SimProfile p : rt.profiles()) {
            for (SimSession s : p.sessions) {
                if (s.shared && s.valid() && !s.loggingOff) {
                    shared = s;
                }
            }
        }
        return shared;
    }
}
