package dev.mapiworkbench.win32;

import com.sun.jna.Pointer;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.win32.MapiStructs.ERROR_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.EXTENDED_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.MAPIERROR;
import dev.mapiworkbench.win32.MapiStructs.NEWMAIL_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.OBJECT_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.STATUS_OBJECT_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.TABLE_NOTIFICATION;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the NOTIFICATION array OnNotify receives (stride = sizeof(NOTIFICATION), 88 on x64) into
 * {@link Notification} records. Everything is copied: MAPI owns the memory only for the call.
 */
final class NotificationDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDecoder.class);

    private NotificationDecoder() {}

    static List<Notification> decode(Pointer array, int count) {
        List<Notification> out = new ArrayList<>(count);
        if (array == null || count <= 0) {
            return out;
        }
        int stride = NOTIFICATION.stride();
        for (int i = 0; i < count; i++) {
            NOTIFICATION n = new NOTIFICATION(array.share((long) i * stride));
            Notification decoded = decodeOne(n);
            if (decoded == null) {
                LOG.warn("Ignoring a notification with unknown event type {}", HResult.hex(n.ulEventType));
            } else {
                out.add(decoded);
            }
        }
        return out;
    }

    static Notification decodeOne(NOTIFICATION n) {
        int type = n.ulEventType;
        switch (type) {
            case EventType.fnevCriticalError -> {
                ERROR_NOTIFICATION e = n.info.err;
                String error = null;
                String component = null;
                if (e.lpMAPIError != null) {
                    MAPIERROR me = new MAPIERROR(e.lpMAPIError);
                    error = me.lpszError == null ? null : PropCodec.readTString(me.lpszError, e.ulFlags);
                    component = me.lpszComponent == null ? null : PropCodec.readTString(me.lpszComponent, e.ulFlags);
                }
                return new Notification.CriticalError(
                        PropCodec.entryId(e.cbEntryID, e.lpEntryID), HResult.of(e.scode), e.ulFlags, error, component);
            }
            case EventType.fnevNewMail -> {
                NEWMAIL_NOTIFICATION m = n.info.newmail;
                String cls = m.lpszMessageClass == null ? null : PropCodec.readTString(m.lpszMessageClass, m.ulFlags);
                return new Notification.NewMail(
                        PropCodec.entryId(m.cbEntryID, m.lpEntryID),
                        PropCodec.entryId(m.cbParentID, m.lpParentID),
                        cls,
                        m.ulMessageFlags);
            }
            case EventType.fnevObjectCreated,
                    EventType.fnevObjectDeleted,
                    EventType.fnevObjectModified,
                    EventType.fnevObjectMoved,
                    EventType.fnevObjectCopied,
                    EventType.fnevSearchComplete -> {
                OBJECT_NOTIFICATION o = n.info.obj;
                return new Notification.ObjectEvent(
                        type,
                        PropCodec.entryId(o.cbEntryID, o.lpEntryID),
                        o.ulObjType,
                        PropCodec.entryId(o.cbParentID, o.lpParentID),
                        PropCodec.entryId(o.cbOldID, o.lpOldID),
                        PropCodec.entryId(o.cbOldParentID, o.lpOldParentID));
            }
            case EventType.fnevTableModified -> {
                TABLE_NOTIFICATION t = n.info.tab;
                PropValue index = PropCodec.decode(t.propIndex);
                // propPrior (@32 in TABLE_NOTIFICATION, mapi-reference.md 4): the row before an added or modified one
                PropValue prior =
                        t.ulTableEvent == EventType.TABLE_ROW_ADDED || t.ulTableEvent == EventType.TABLE_ROW_MODIFIED
                                ? PropCodec.decode(t.propPrior)
                                : null;
                Row row = t.row.lpProps == null || t.row.cValues == 0
                        ? null
                        : new Row(PropCodec.decodeArray(t.row.lpProps, t.row.cValues));
                return new Notification.TableEvent(t.ulTableEvent, HResult.of(t.hResult), index, prior, row);
            }
            case EventType.fnevStatusObjectModified -> {
                STATUS_OBJECT_NOTIFICATION s = n.info.statobj;
                return new Notification.StatusObjectEvent(
                        PropCodec.entryId(s.cbEntryID, s.lpEntryID), PropCodec.decodeArray(s.lpPropVals, s.cValues));
            }
            case EventType.fnevExtended -> {
                EXTENDED_NOTIFICATION x = n.info.ext;
                byte[] params = x.cb == 0 || x.pbEventParameters == null
                        ? new byte[0]
                        : x.pbEventParameters.getByteArray(0, x.cb);
                return new Notification.Extended(x.ulEvent, params);
            }
            default -> {
                return null;
            }
        }
    }
}
