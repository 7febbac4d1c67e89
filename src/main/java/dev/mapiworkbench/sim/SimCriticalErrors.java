package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.CriticalErrorInjector;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiSession;
import java.util.Objects;

/** The simulator's {@link CriticalErrorInjector}: fnevCriticalError on a session of this runtime. */
final class SimCriticalErrors implements CriticalErrorInjector {

    private final SimRuntime rt;

    SimCriticalErrors(SimRuntime rt) {
        this.rt = rt;
    }

    @Override
    public void raiseCriticalError(MapiSession session, HResult scode, String reason) {
        if (!(session instanceof SimSession s) || s.rt != rt) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    "raiseCriticalError",
                    "not a session of this simulated subsystem");
        }
        Objects.requireNonNull(scode, "scode");
        s.run("CriticalError", () -> s.raiseCriticalError(scode, reason == null ? "critical error" : reason));
    }
}
