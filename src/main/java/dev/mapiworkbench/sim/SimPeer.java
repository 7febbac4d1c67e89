package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.SharedSessionControl;
import java.util.List;

/** A simulated peer client of a shared session: it logs off at once when its session raises a critical error. */
final class SimPeer implements SharedSessionControl.Peer, AdviseSink {

    private final SimRuntime rt;
    private final String name;
    final SimSession session;
    private volatile boolean loggedOn = true;
    private volatile String reason;
    private final java.util.concurrent.CopyOnWriteArrayList<String> received =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    SimPeer(SimRuntime rt, String name, SimSession session) {
        this.rt = rt;
        this.name = name;
        this.session = session;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean loggedOn() {
        return loggedOn;
    }

    @Override
    public String logoffReason() {
        return reason;
    }

    /** The peer's advise sink (fnevCriticalError on the session): it logs off at once. */
    @Override
    public int onNotify(List<Notification> notifications) {
        for (Notification n : notifications) {
            received.add(EventType.maskName(n.eventType())
                    + (n instanceof Notification.CriticalError e
                            ? " " + e.scode().name()
                            : ""));
            if (n instanceof Notification.CriticalError e && loggedOn) {
                reason = EventType.maskName(n.eventType()) + " " + e.scode().name();
                loggedOn = false;
                rt.lock.lock();
                try {
                    session.peers.remove(this);
                    rt.changed.signalAll();
                } finally {
                    rt.lock.unlock();
                }
            }
        }
        return 0;
    }

    @Override
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public String toString() {
        return "Peer[" + name + (loggedOn ? ", logged on" : ", logged off: " + reason) + "]";
    }
}
