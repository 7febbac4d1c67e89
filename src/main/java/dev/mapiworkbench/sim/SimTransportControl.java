package dev.mapiworkbench.sim;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The simulator's {@link TransportControl} and the transport state it changes: the settings, the seeded
 * failure sequence, the attempt and aborted-send counts and the transport log. All of it is guarded by the
 * runtime lock, taken explicitly so Error Prone checks the {@code @GuardedBy} fields (decision 0400); the
 * spooler and transport threads call in with the lock held already (it is reentrant).
 */
final class SimTransportControl implements TransportControl {

    private final SimRuntime rt;

    @GuardedBy("rt.lock")
    private TransportSettings settings;

    @GuardedBy("rt.lock")
    private Random failRandom;

    @GuardedBy("rt.lock")
    private int attempts;

    @GuardedBy("rt.lock")
    private int abortedSends;

    @GuardedBy("rt.lock")
    private final List<SimRuntime.Delivery> deliveries = new ArrayList<>();

    SimTransportControl(SimRuntime rt, TransportSettings initial) {
        this.rt = rt;
        this.settings = Objects.requireNonNull(initial, "initial");
        this.failRandom = new Random(initial.seed());
    }

    @Override
    public TransportSettings settings() {
        rt.lock.lock();
        try {
            return settings;
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public void apply(TransportSettings next) {
        Objects.requireNonNull(next, "settings");
        rt.lock.lock();
        try {
            TransportSettings old = settings;
            settings = next;
            // a new seed or probability restarts the failure sequence; a new failEvery restarts the count
            if (old.seed() != next.seed() || old.failProbability() != next.failProbability()) {
                failRandom = new Random(next.seed());
            }
            if (old.failEvery() != next.failEvery()) {
                attempts = 0;
            }
            for (SimProfile p : rt.profiles()) {
                p.spooler.publishStatus();
            }
            rt.changed.signalAll();
        } finally {
            rt.lock.unlock();
        }
    }

    /** The attempt number for the next message (1, 2, …; reset when failEvery changes). */
    int nextAttempt() {
        rt.lock.lock();
        try {
            return ++attempts;
        } finally {
            rt.lock.unlock();
        }
    }

    /** The next draw of the seeded failure sequence (a random failure when below the probability). */
    double nextFailDraw() {
        rt.lock.lock();
        try {
            return failRandom.nextDouble();
        } finally {
            rt.lock.unlock();
        }
    }

    /** Counts a send abandoned because a Logoff chose "Leave in Outbox" (decision 0013). */
    void abortedSend() {
        rt.lock.lock();
        try {
            abortedSends++;
        } finally {
            rt.lock.unlock();
        }
    }

    int abortedSends() {
        rt.lock.lock();
        try {
            return abortedSends;
        } finally {
            rt.lock.unlock();
        }
    }

    void recordDelivery(SimRuntime.Delivery d) {
        rt.lock.lock();
        try {
            deliveries.add(d);
        } finally {
            rt.lock.unlock();
        }
    }

    List<SimRuntime.Delivery> deliveries() {
        rt.lock.lock();
        try {
            return List.copyOf(deliveries);
        } finally {
            rt.lock.unlock();
        }
    }
}
