package dev.mapiworkbench.mapi;

import java.util.List;
import java.util.Set;

/**
 * Capability: what the subsystem knows that a client cannot see through MAPI itself — the leak
 * ledger, faults (e.g. the ungraceful termination of OleUninitialize after MAPIUninitialize), and
 * the live objects with their state. Read by tests, the teardown transcript and the UI.
 */
public interface SubsystemDiagnostics {

    /** MAPIInitialize reference count. */
    int initCount();

    /** Every object the subsystem has handed out and not yet destroyed. */
    List<ObjectInfo> liveObjects();

    /** Objects still referenced when their session logged off, and buffers alive at the last MAPIUninitialize. */
    List<Leak> leaks();

    List<Fault> faults();

    /** Buffers allocated and not freed. */
    int outstandingBuffers();

    /**
     * The buffers allocated and not freed, by the name a BUFFER {@link Leak} gives them (the address,
     * {@code 0x7F00}), so a reader can tell which later leaks were already allocated at a given moment
     * (the teardown charges leaks to the run that caused them, decision 0071). Empty when unknown.
     */
    default Set<String> outstandingBufferNames() {
        return Set.of();
    }

    enum ObjectState {
        VALID,
        INVALID
    }

    record ObjectInfo(
            long handle, ObjectKind kind, String name, int refCount, int adviseConnections, ObjectState state) {}

    /** {@code kind} is an {@link ObjectKind} name or "BUFFER". */
    record Leak(String kind, String name, String detail) {}

    /** A fault the real subsystem would show as misbehaviour or a crash; the simulator survives it. */
    record Fault(String id, String message, boolean fatal) {}
}
