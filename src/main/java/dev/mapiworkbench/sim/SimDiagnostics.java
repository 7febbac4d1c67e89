package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The simulator's {@link SubsystemDiagnostics}: reads the runtime's counts, objects, leaks and faults under its lock. */
final class SimDiagnostics implements SubsystemDiagnostics {

    private final SimRuntime rt;

    SimDiagnostics(SimRuntime rt) {
        this.rt = rt;
    }

    @Override
    public int initCount() {
        return rt.locked(() -> rt.initCount);
    }

    @Override
    public List<ObjectInfo> liveObjects() {
        return rt.locked(() -> rt.live.values().stream()
                .map(SimObject::info)
                .sorted(Comparator.comparingLong(ObjectInfo::handle))
                .toList());
    }

    @Override
    public List<Leak> leaks() {
        return rt.locked(() -> List.copyOf(rt.leaks));
    }

    @Override
    public List<Fault> faults() {
        return rt.locked(() -> List.copyOf(rt.faults));
    }

    @Override
    public int outstandingBuffers() {
        return rt.locked(rt.allocator::outstanding);
    }

    @Override
    public Set<String> outstandingBufferNames() {
        return rt.locked(
                () -> rt.allocator.allocated().stream().map(SimBuffer::hex).collect(Collectors.toSet()));
    }
}
