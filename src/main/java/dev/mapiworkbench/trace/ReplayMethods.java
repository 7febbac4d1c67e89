package dev.mapiworkbench.trace;

import dev.mapiworkbench.mapi.AddrBook;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.ClientShutdown;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiProp;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.trace.ReplayState.Answer;
import dev.mapiworkbench.trace.ReplayState.LocalSink;
import dev.mapiworkbench.trace.ReplayState.Unsupported;
import java.util.List;
import java.util.Map;

/** The methods a replay performs on the runtime's objects ({@link ReplayCalls}; docs/trace.md, "Replay"). */
final class ReplayMethods {

    private final ReplayState state;

    ReplayMethods(ReplayState state) {
        this.state = state;
    }

    Answer method(TraceCall c) {
        Object self = state.objects.get(c.self());
        String m = c.method();
        if (self instanceof LocalSink sink) {
            return switch (m) {
                case "AddRef" -> new Answer(0, ++sink.refs, Map.of(), null);
                case "Release" -> {
                    sink.refs = Math.max(0, sink.refs - 1);
                    if (sink.refs == 0) {
                        state.objects.remove(c.self());
                    }
                    yield new Answer(0, sink.refs, Map.of(), null);
                }
                default -> throw new Unsupported("a client-side advise sink has no " + m + " to replay");
            };
        }
        MapiUnknown u = (MapiUnknown) self;
        Map<String, Object> args = c.args();
        switch (m) {
            case "AddRef" -> {
                return new Answer(0, u.addRef(), Map.of(), null);
            }
            case "Release" -> {
                int left = u.release();
                if (left == 0) {
                    state.objects.remove(c.self());
                }
                return new Answer(0, left, Map.of(), null);
            }
            case "QueryInterface" -> {
                return queryInterface(c, u);
            }
            case "Advise" -> {
                EntryId id = state.entryId(args.get("lpEntryID"));
                int mask = c.flagArg("ulEventMask");
                AdviseSink sink =
                        args.get("lpAdviseSink") instanceof String h && state.objects.get(h) instanceof AdviseSink s
                                ? s
                                : new LocalSink();
                long conn;
                if (u instanceof MapiSession s) {
                    conn = s.advise(id, mask, sink);
                } else if (u instanceof MsgStore s) {
                    conn = s.advise(id, mask, sink);
                } else if (u instanceof MapiTable t) {
                    conn = t.advise(mask, sink);
                } else if (u instanceof AddrBook b) {
                    conn = b.advise(id, mask, sink);
                } else {
                    throw new Unsupported(u.kind().interfaceName() + " has no Advise in the model");
                }
                c.out().values().stream()
                        .filter(Number.class::isInstance)
                        .findFirst()
                        .ifPresent(n -> state.connections.put(c.self() + "#" + ((Number) n).longValue(), conn));
                return Answer.ok();
            }
            case "Unadvise" -> {
                long recorded = MapiNames.number(args.get("ulConnection"));
                Long conn = state.connections.remove(c.self() + "#" + recorded);
                long real = conn == null ? recorded : conn;
                if (u instanceof MapiSession s) {
                    s.unadvise(real);
                } else if (u instanceof MsgStore s) {
                    s.unadvise(real);
                } else if (u instanceof MapiTable t) {
                    t.unadvise(real);
                } else if (u instanceof AddrBook b) {
                    b.unadvise(real);
                } else {
                    throw new Unsupported(u.kind().interfaceName() + " has no Unadvise in the model");
                }
                return Answer.ok();
            }
            case "OpenEntry" -> {
                EntryId id = state.entryId(args.get("lpEntryID"));
                int flags = c.flagArg("ulFlags");
                MapiUnknown o;
                if (u instanceof MapiSession s) {
                    o = s.openEntry(id, flags);
                } else if (u instanceof MsgStore s) {
                    o = s.openEntry(id, flags);
                } else {
                    throw new Unsupported(u.kind().interfaceName() + " has no OpenEntry in the model");
                }
                return state.handedBack(c, o);
            }
            case "GetProps", "SaveChanges" -> {
                MapiProp p = state.as(MapiProp.class, c.self(), "this");
                if (m.equals("SaveChanges")) {
                    p.saveChanges(c.flagArg("ulFlags"));
                    return Answer.ok();
                }
                p.getProps(PropTag.PR_DISPLAY_NAME_W);
                return state.handedBack(c, state.runtime.mapiAllocateBuffer(8));
            }
            default -> {
                return typed(c, u, m, args);
            }
        }
    }

    private Answer typed(TraceCall c, MapiUnknown u, String m, Map<String, Object> args) {
        int flags = c.flagArg("ulFlags");
        if (u instanceof MapiSession s) {
            switch (m) {
                case "GetMsgStoresTable" -> {
                    return state.handedBack(c, s.getMsgStoresTable(flags));
                }
                case "OpenMsgStore" -> {
                    EntryId id = state.entryId(args.get("lpEntryID"));
                    return state.handedBack(
                            c,
                            s.openMsgStore(
                                    MapiNames.number(args.get("ulUIParam")), id == null ? defaultStore(s) : id, flags));
                }
                case "OpenAddressBook" -> {
                    return state.handedBack(c, s.openAddressBook(MapiNames.number(args.get("ulUIParam")), flags));
                }
                case "GetStatusTable" -> {
                    return state.handedBack(c, s.getStatusTable(flags));
                }
                case "Logoff" -> {
                    s.logoff(MapiNames.number(args.get("ulUIParam")), flags, (int)
                            MapiNames.number(args.get("ulReserved")));
                    return Answer.ok();
                }
                default -> {}
            }
        } else if (u instanceof MsgStore s) {
            switch (m) {
                case "StoreLogoff" -> {
                    int in = c.flagArg("lpulFlags");
                    s.storeLogoff(in == 0 ? MapiFlags.LOGOFF_NO_WAIT : in);
                    return Answer.ok();
                }
                case "AbortSubmit" -> {
                    s.abortSubmit(state.entryId(args.get("lpEntryID")), flags);
                    return Answer.ok();
                }
                case "GetReceiveFolder" -> {
                    s.getReceiveFolder(ReplayState.text(args.get("lpszMessageClass")), flags);
                    return Answer.ok();
                }
                default -> {}
            }
        } else if (u instanceof MapiFolder f) {
            switch (m) {
                case "GetContentsTable" -> {
                    return state.handedBack(c, f.getContentsTable(flags));
                }
                case "CreateMessage" -> {
                    return state.handedBack(c, f.createMessage(flags));
                }
                default -> {}
            }
        } else if (u instanceof MapiTable t) {
            switch (m) {
                case "SetColumns" -> {
                    t.setColumns(new int[] {PropTag.PR_ENTRYID}, flags);
                    return Answer.ok();
                }
                case "QueryRows" -> {
                    List<Row> rows = t.queryRows((int) MapiNames.number(args.get("lRowCount")), flags);
                    return state.handedBack(c, state.runtime.mapiAllocateBuffer(Math.max(8, rows.size() * 8)));
                }
                case "GetRowCount" -> {
                    t.getRowCount(flags);
                    return Answer.ok();
                }
                case "SeekRow" -> {
                    t.seekRow((int) MapiNames.number(args.get("bkOrigin")), (int)
                            MapiNames.number(args.get("lRowCount")));
                    return Answer.ok();
                }
                default -> {}
            }
        } else if (u instanceof MapiMessage msg && m.equals("SubmitMessage")) {
            msg.submitMessage(flags);
            return Answer.ok();
        } else if (u instanceof ClientShutdown cs) {
            switch (m) {
                case "QueryFastShutdown" -> {
                    cs.queryFastShutdown();
                    return Answer.ok();
                }
                case "NotifyProcessShutdown" -> {
                    cs.notifyProcessShutdown();
                    return Answer.ok();
                }
                case "DoFastShutdown" -> {
                    cs.doFastShutdown();
                    return Answer.ok();
                }
                default -> {}
            }
        }
        throw new Unsupported(
                "the replayer has no " + m + " for " + u.kind().interfaceName() + " (" + u.displayName() + ")");
    }

    private Answer queryInterface(TraceCall c, MapiUnknown u) {
        String riid = ReplayState.text(c.args().get("riid"));
        String iface = riid == null ? null : riid.startsWith("IID_") ? riid.substring(4) : riid;
        if ("IMAPIClientShutdown".equals(iface) && u instanceof MapiSession s) {
            return state.handedBack(c, s.queryClientShutdown());
        }
        if (iface == null || iface.equals("IUnknown") || iface.equals(u.kind().interfaceName())) {
            u.addRef();
            return state.handedBack(c, u);
        }
        return new Answer(
                HResult.MAPI_E_INTERFACE_NOT_SUPPORTED.value(),
                null,
                Map.of(),
                u.kind().interfaceName() + " does not hand out " + iface + " in the model");
    }

    private static EntryId defaultStore(MapiSession s) {
        MapiTable t = s.getMsgStoresTable(0);
        try {
            t.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_DEFAULT_STORE}, 0);
            List<Row> rows = t.queryRows(100, 0);
            return MsgStore.defaultStoreId(rows)
                    .orElseThrow(() -> new MapiException(
                            HResult.MAPI_E_NOT_FOUND, "IMAPISession::OpenMsgStore", "the profile has no store"));
        } finally {
            t.release();
        }
    }
}
