package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.MapiBackend;
import dev.mapiworkbench.mapi.MapiRuntime;

/** The simulated MAPI subsystem as a {@link MapiBackend}: id {@code sim}, priority 0, always available. */
public final class SimBackend implements MapiBackend {

    public static final String ID = "sim";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Simulated";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability probe() {
        return Availability.yes();
    }

    /** A new simulated subsystem; {@code options.profileDir()} null keeps the store in memory. */
    @Override
    public MapiRuntime open(BackendOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("BackendOptions are required (BackendOptions.simulated(dir))");
        }
        return new SimRuntime(options);
    }
}
