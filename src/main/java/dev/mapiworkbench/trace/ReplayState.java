package dev.mapiworkbench.trace;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiRuntime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay ({@link Replayer}) knows of the handles: each trace handle mapped onto the runtime's object,
 * buffer or connection number, the buffers' contents it filled, and why a handle has no counterpart; with the
 * answer of one call and the helpers that read a call's arguments as the model's values.
 */
final class ReplayState {

    /** A client-side advise sink (HrAllocAdviseSink): the runtime never sees it, only its callbacks. */
    static final class LocalSink implements AdviseSink {
        int refs = 1;

        @Override
        public int onNotify(List<dev.mapiworkbench.mapi.Notification> notifications) {
            return 0;
        }
    }

    /** The answer of one replayed call. */
    record Answer(int hr, Integer ret, Map<String, Object> out, String detail) {
        static Answer ok() {
            return new Answer(0, null, Map.of(), null);
        }
    }

    /** A call the replayer cannot perform (its reason goes into {@link Replayer.NotReplayed}). */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    final MapiRuntime runtime;
    final Map<String, Object> objects = new HashMap<>();
    final Map<String, MapiBuffer> buffers = new HashMap<>();
    final Map<String, byte[]> bufferData = new HashMap<>();
    final Map<String, Long> connections = new HashMap<>();
    final Map<String, String> failedHandles = new HashMap<>();

    ReplayState(MapiRuntime runtime) {
        this.runtime = runtime;
    }

    /** Maps the call's {@code out} handle (the first obj:/buf:) onto what the runtime handed back. */
    Answer handedBack(TraceCall c, Object value) {
        Map<String, Object> got = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : c.out().entrySet()) {
            if (e.getValue() instanceof String h) {
                got.put(e.getKey(), value);
                if (value instanceof MapiBuffer b) {
                    buffers.put(h, b);
                } else {
                    objects.put(h, value);
                }
                failedHandles.remove(h);
                return new Answer(0, null, got, null);
            }
        }
        // the trace names no handle for it: the client dropped it; keep the reference the runtime gave
        got.put("", value);
        return new Answer(0, null, got, null);
    }

    java.util.Optional<String> outBuffer(TraceCall c) {
        return c.out().values().stream()
                .filter(v -> v instanceof String s && Handles.BUF.matcher(s).matches())
                .map(String.class::cast)
                .findFirst();
    }

    <T> T as(Class<T> type, Object handle, String arg) {
        Object o = handle instanceof String h ? objects.get(h) : null;
        if (!type.isInstance(o)) {
            throw new Unsupported(arg + " " + handle + " is not a simulated " + type.getSimpleName());
        }
        return type.cast(o);
    }

    MapiBuffer buffer(Object handle) {
        MapiBuffer b = handle instanceof String h ? buffers.get(h) : null;
        if (b == null) {
            throw new Unsupported(handle + " has no simulated buffer");
        }
        return b;
    }

    /** An entry id: null, hex bytes, or a buffer the replay filled (HrGetOneProp). */
    EntryId entryId(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s && Handles.BUF.matcher(s).matches()) {
            byte[] data = bufferData.get(s);
            if (data == null) {
                throw new Unsupported("the entry id in " + s + " is not known to the replay");
            }
            return new EntryId(data);
        }
        String hex = String.valueOf(v).trim();
        try {
            return new EntryId(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new Unsupported("the entry id '" + hex + "' is not hex bytes");
        }
    }

    static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    static int size(Object v) {
        long n = MapiNames.number(v);
        return n <= 0 ? 16 : (int) Math.min(n, 1 << 20);
    }
}
