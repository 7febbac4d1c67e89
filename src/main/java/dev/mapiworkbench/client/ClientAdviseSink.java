package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ObjectKind;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The client's own IMAPIAdviseSink object: reference counted like any COM object (the seed's step 2
 * names advise sinks among the objects to release). Once released to zero it drops notifications.
 */
public final class ClientAdviseSink implements AdviseSink, MapiUnknown {

    private static final AtomicLong NEXT = new AtomicLong(0x5100);

    private final String name;
    private final Consumer<List<Notification>> target;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final long handle = NEXT.incrementAndGet();

    public ClientAdviseSink(String name, Consumer<List<Notification>> target) {
        this.name = name;
        this.target = target;
    }

    @Override
    public int onNotify(List<Notification> notifications) {
        if (refs.get() > 0) {
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
