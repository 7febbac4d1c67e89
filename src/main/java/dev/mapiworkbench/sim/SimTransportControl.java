package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.Objects;
import java.util.Random;

/** The simulator's {@link TransportControl}: the settings live in the runtime, changed under its lock. */
final class SimTransportControl implements TransportControl {

    private final SimRuntime rt;

    SimTransportControl(SimRuntime rt) {
        this.rt = rt;
    }

    @Override
    public TransportSettings settings() {
        return rt.locked(() -> rt.transport());
    }

    @Override
    public void apply(TransportSettings settings) {
        Objects.requireNonNull(settings, "settings");
        rt.locked(() -> replace(settings));
    }

    /** Replaces the transport settings (lock held): resets the failure sequence it changes. */
    private void replace(TransportSettings settings) {
        TransportSettings old = rt.transport();
        rt.transport(settings);
        if (old.seed() != settings.seed() || old.failProbability() != settings.failProbability()) {
            rt.failRandom = new Random(settings.seed());
        }
        if (old.failEvery() != settings.failEvery()) {
            rt.transportAttempts = 0;
        }
        for (SimProfile p : rt.profiles()) {
            p.spooler.publishStatus();
        }
        rt.changed.signalAll();
    }
}
