package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The simulator's {@link SubsystemDiagnostics}: reads the runtime's counts, objects, leaks and faults under its lock
 * (taken explicitly, so Error Prone checks the {@code @GuardedBy} fields it reads: decision 0400). */
final class SimDiagnostics implements SubsystemDiagnostics {

    private final SimRuntime rt;

    SimDiagnostics(SimRuntime rt) {
        this.rt = rt;
    }

    @Override
    public int initCount() {
        rt.lock.lock();
        try {
            return rt.initCount;
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public List<ObjectInfo> liveObjects() {
        rt.lock.lock();
        try {
            return rt.live.values().stream()
                    .map(SimObject::info)
                    .sorted(Comparator.comparingLong(ObjectInfo::handle))
                    .toList();
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public List<Leak> leaks() {
        rt.lock.lock();
        try {
            return List.copyOf(rt.leaks);
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public List<Fault> faults() {
        rt.lock.lock();
        try {
            return List.copyOf(rt.faults);
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public int outstandingBuffers() {
        rt.lock.lock();
        try {
            return rt.allocator.outstanding();
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public Set<String> outstandingBufferNames() {
        rt.lock.lock();
        try {
            return rt.allocator.allocated().stream().map(SimBuffer::hex).collect(Collectors.toSet());
        } finally {
            rt.lock.unlock();
        }
    }
}
