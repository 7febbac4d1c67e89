package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ObjectKind;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The client's own IMAPIAdviseSink object: reference counted like any COM object (the seed's step 2
 * names advise sinks among the objects to release). Once released to zero it drops notifications — except a late
 * one (below).
 *
 * <p>A notification that arrives once the client has called Unadvise on the sink's connection is passed on
 * marked late ({@link #unadvising}): "Timing a Notification" allows it
 * (https://learn.microsoft.com/office/client-developer/outlook/mapi/timing-a-notification), and the client
 * must neither crash nor act on it. It is passed on even when the client has released the sink meanwhile: the
 * provider holds its own reference to the sink for the notification in flight and releases it only after the
 * call, so the sink is still alive when it arrives (decision 0842). Before, whether the client's Release or the
 * notification thread came first decided whether the late notification was logged or silently lost.
 */
public final class ClientAdviseSink implements AdviseSink, MapiUnknown {

    private static final AtomicLong NEXT = new AtomicLong(0x5100);

    private final String name;
    private final Consumer<List<Notification>> target;
    private final BiConsumer<String, List<Notification>> lateTarget;
    /** The Unadvise called on this sink's connection, or null while it is advised. */
    private volatile String unadvisedBy;

    private final AtomicInteger refs = new AtomicInteger(1);
    private final long handle = NEXT.incrementAndGet();

    public ClientAdviseSink(String name, Consumer<List<Notification>> target) {
        this(name, target, (unadvise, list) -> target.accept(list));
    }

    /**
     * A sink that hands notifications arriving after its Unadvise to {@code late}, with the Unadvise's name
     * ("IMsgStore::Unadvise").
     */
    public ClientAdviseSink(
            String name, Consumer<List<Notification>> target, BiConsumer<String, List<Notification>> late) {
        this.name = name;
        this.target = target;
        this.lateTarget = late;
    }

    /**
     * The client calls {@code unadviseApi} on this sink's connection now ({@code null}: that call failed, the
     * connection stays): what arrives from here on is late.
     */
    public void unadvising(String unadviseApi) {
        unadvisedBy = unadviseApi;
    }

    @Override
    public int onNotify(List<Notification> notifications) {
        String late = unadvisedBy;
        if (late != null) {
            lateTarget.accept(late, notifications); // in flight since the Unadvise: the provider kept the sink alive
        } else if (refs.get() > 0) {
            target.accept(notifications);
        }
        return 0;
    }

    @Override
    public int addRef() {
        return refs.incrementAndGet();
    }

    @Override
    public int release() {
        return Math.max(0, refs.decrementAndGet());
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.ADVISE_SINK;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public long handle() {
        return handle;
    }
}
