package dev.mapiworkbench.mapi;

import java.util.List;

/**
 * IMAPIAdviseSink. {@code onNotify} is called on the backend's notification thread
 * ({@code MAPI_MULTITHREAD_NOTIFICATIONS}); it must return quickly and must not call back into MAPI
 * on that thread for long work. Returns the ULONG OnNotify result (0).
 */
@FunctionalInterface
public interface AdviseSink {
    int onNotify(List<Notification> notifications);
}
