package dev.mapiworkbench.trace;

import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiProp;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.trace.ReplayState.Answer;
import dev.mapiworkbench.trace.ReplayState.LocalSink;
import dev.mapiworkbench.trace.ReplayState.Unsupported;
import java.util.List;
import java.util.Map;

/**
 * Performs one replayed call on the runtime, on the trace thread's own thread ({@link Replayer}): the
 * functions here, the methods in {@link ReplayMethods}; a call the trace records as failed but the runtime
 * performs gives back at once what the client never received.
 */
final class ReplayCalls {

    private final ReplayState state;
    private final ReplayMethods methods;

    ReplayCalls(ReplayState state) {
        this.state = state;
        this.methods = new ReplayMethods(state);
    }

    /** Performs {@code c}; a MAPI failure is its HRESULT. */
    Answer perform(TraceCall c) {
        try {
            Answer a = c.isMethod() ? methods.method(c) : function(c);
            if (c.failed() && a.hr() >= 0) {
                // the client saw a failure and never got what the simulator handed back: give it back now
                undo(c, a);
            }
            return a;
        } catch (MapiException e) {
            return new Answer(e.hresult().value(), null, Map.of(), e.getMessage());
        }
    }

    /** The trace's call failed but the simulator's succeeded: release what the client never received. */
    void undo(TraceCall c, Answer a) {
        for (Object v : a.out().values()) {
            if (v instanceof MapiSession s) {
                s.logoff(0, 0, 0);
                s.release();
            } else if (v instanceof MapiUnknown u) {
                u.release();
            } else if (v instanceof MapiBuffer b) {
                state.runtime.mapiFreeBuffer(b);
            }
        }
        if (c.method().equals("MAPIInitialize")) {
            state.runtime.mapiUninitialize();
        }
        c.out().values().forEach(h -> {
            if (h instanceof String s) {
                state.objects.remove(s);
                state.buffers.remove(s);
                state.failedHandles.put(s, "its call, seq " + c.seq() + ", failed in the trace");
            }
        });
    }

    private Answer function(TraceCall c) {
        Map<String, Object> args = c.args();
        switch (c.api()) {
            case "MAPIInitialize" -> {
                Object init = args.get("lpMapiInit");
                MapiInit mi = init instanceof Map<?, ?> m
                        ? new MapiInit((int) MapiNames.number(m.get("ulVersion")), c.flagArg("lpMapiInit"))
                        : null;
                state.runtime.mapiInitialize(mi);
                return Answer.ok();
            }
            case "MAPIUninitialize" -> {
                state.runtime.mapiUninitialize();
                return Answer.ok();
            }
            case "MAPILogonEx" -> {
                int flags = args.containsKey("ulFlags")
                        ? c.flagArg("ulFlags")
                        : MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_USE_DEFAULT;
                MapiSession s = state.runtime.mapiLogonEx(
                        MapiNames.number(args.get("ulUIParam")),
                        ReplayState.text(args.get("lpszProfileName")),
                        ReplayState.text(args.get("lpszPassword")),
                        flags);
                return state.handedBack(c, s);
            }
            case "MAPIAllocateBuffer" -> {
                return state.handedBack(c, state.runtime.mapiAllocateBuffer(ReplayState.size(args.get("cbSize"))));
            }
            case "MAPIAllocateMore" -> {
                MapiBuffer parent = state.buffer(args.get("lpObject"));
                return state.handedBack(
                        c, state.runtime.mapiAllocateMore(ReplayState.size(args.get("cbSize")), parent));
            }
            case "MAPIFreeBuffer", "FreeProws", "FreePadrlist" -> {
                Object h = args.values().stream()
                        .filter(v ->
                                v instanceof String s && Handles.BUF.matcher(s).matches())
                        .findFirst()
                        .orElse(null);
                if (h == null) {
                    state.runtime.mapiFreeBuffer(null);
                    return Answer.ok();
                }
                MapiBuffer b = state.buffers.get(h);
                if (b == null) {
                    throw new Unsupported(h + " has no simulated buffer"
                            + (state.failedHandles.containsKey(h) ? " (" + state.failedHandles.get(h) + ")" : ""));
                }
                state.runtime.mapiFreeBuffer(b);
                return Answer.ok();
            }
            case "ScInitMapiUtil" -> {
                state.runtime.scInitMapiUtil(c.flagArg("ulFlags"));
                return Answer.ok();
            }
            case "DeinitMapiUtil" -> {
                state.runtime.deinitMapiUtil();
                return Answer.ok();
            }
            case "OleInitialize" -> {
                return new Answer(state.runtime.oleInitialize().value(), null, Map.of(), null);
            }
            case "OleUninitialize" -> {
                state.runtime.oleUninitialize();
                return Answer.ok();
            }
            case "HrAllocAdviseSink", "HrThisThreadAdviseSink" -> {
                return state.handedBack(c, new LocalSink());
            }
            case "HrQueryAllRows" -> {
                MapiTable t = state.as(MapiTable.class, args.get("lpTable"), "lpTable");
                List<Row> rows = t.queryRows(Integer.MAX_VALUE, 0);
                return state.handedBack(c, state.runtime.mapiAllocateBuffer(Math.max(8, rows.size() * 8)));
            }
            case "HrGetOneProp" -> {
                MapiProp p = state.as(MapiProp.class, args.get("lpMapiProp"), "lpMapiProp");
                int tag = (int) MapiNames.number(args.get("ulPropTag"));
                PropValue v = p.getProp(tag);
                byte[] data = v.value() instanceof byte[] b ? b : new byte[8];
                MapiBuffer buf = state.runtime.mapiAllocateBuffer(Math.max(1, data.length));
                buf.write(data);
                Answer a = state.handedBack(c, buf);
                state.outBuffer(c).ifPresent(h -> state.bufferData.put(h, data));
                return a;
            }
            default -> throw new Unsupported("the replayer has no " + c.api());
        }
    }
}
