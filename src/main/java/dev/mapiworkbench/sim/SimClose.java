package dev.mapiworkbench.sim;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SimRuntime#close}: what the end of the process does to a simulated subsystem. Sessions still logged
 * on end as the last MAPIUninitialize ends them (no UI; their spooler and transport threads stop and are
 * waited for; the profile's store file is closed and its lock released), and the notification thread stops.
 * A replay (decision 0240) opens a runtime of its own and closes it this way, so a trace that never logs off
 * leaves no thread or file behind. Closing twice does nothing more.
 */
final class SimClose {

    private static final Logger LOG = LoggerFactory.getLogger(SimClose.class);

    private SimClose() {}

    static void close(SimRuntime rt) {
        rt.lock.lock();
        try {
            for (SimProfile p : rt.profiles()) {
                for (SimSession s : List.copyOf(p.sessions)) {
                    LOG.debug("closing the runtime: {} was still logged on", s.displayName());
                    s.endSession(0, "the close of the runtime");
                }
            }
            rt.transportRules.stop();
            rt.notifier.stop();
        } finally {
            rt.lock.unlock();
        }
    }
}
