package dev.mapiworkbench.sim;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.SharedSessionControl;
import java.util.ArrayList;
import java.util.List;

/** The simulator's {@link SharedSessionControl}: peer clients joining the shared session, under the runtime lock. */
final class SimSharedSessions implements SharedSessionControl {

    private final SimRuntime rt;

    @GuardedBy("rt.lock")
    private final List<SimPeer> peers = new ArrayList<>();

    SimSharedSessions(SimRuntime rt) {
        this.rt = rt;
    }

    @Override
    public Peer addPeer(String name) {
        rt.lock.lock();
        try {
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
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public List<Peer> peers() {
        rt.lock.lock();
        try {
            return List.copyOf(peers);
        } finally {
            rt.lock.unlock();
        }
    }

    /** The shared, valid session a peer joins, or null. */
    @GuardedBy("rt.lock")
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
