package dev.mapiworkbench.mapi;

import java.time.Instant;
import java.util.List;

/**
 * Capability of the simulated subsystem: inject faults into any MAPI call while the session runs
 * (docs/scenarios.md). Obtained with {@code runtime.capability(FaultControl.class)}; a real backend
 * has none. Thread-safe; listeners are called on the thread that changed the faults or hit one.
 */
public interface FaultControl {

    /** One fault in force: its id, what it is, how often it fired, and what is blocked on it now. */
    record ActiveFault(long id, FaultSpec spec, long matched, long fired, List<BlockedCall> blocked) {
        public ActiveFault {
            blocked = List.copyOf(blocked);
        }
    }

    /** A call that waits on a {@code block} fault: the API, the object, the thread and since when. */
    record BlockedCall(String api, String target, String thread, Instant since) {}

    /** Adds a fault; returns its id. */
    long add(FaultSpec spec);

    /** Removes a fault and releases whatever it blocks; false when there is no such id. */
    boolean remove(long id);

    /** Releases the calls blocked on fault {@code id} (the fault stays in force); false when unknown. */
    boolean release(long id);

    /** Removes every fault and releases every blocked call. */
    void clear();

    /** The faults in force, in the order they were added. */
    List<ActiveFault> faults();

    /** The calls blocked right now on any fault. */
    default List<BlockedCall> blockedCalls() {
        return faults().stream().flatMap(f -> f.blocked().stream()).toList();
    }

    /** Called after any change: a fault added, removed, fired, a call blocked or released. */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
