package dev.mapiworkbench.mapi;

import java.util.ArrayList;
import java.util.List;

/** Notification event types ({@code ulEventType} / {@code ulEventMask}), mapi-reference §2.3. */
public final class EventType {

    private EventType() {}

    public static final int fnevCriticalError = 0x00000001;
    public static final int fnevNewMail = 0x00000002;
    public static final int fnevObjectCreated = 0x00000004;
    public static final int fnevObjectDeleted = 0x00000008;
    public static final int fnevObjectModified = 0x00000010;
    public static final int fnevObjectMoved = 0x00000020;
    public static final int fnevObjectCopied = 0x00000040;
    public static final int fnevSearchComplete = 0x00000080;
    public static final int fnevTableModified = 0x00000100;
    public static final int fnevStatusObjectModified = 0x00000200;
    public static final int fnevReservedForMapi = 0x40000000;
    public static final int fnevExtended = 0x80000000;

    // TABLE_NOTIFICATION.ulTableEvent
    public static final int TABLE_CHANGED = 1;
    public static final int TABLE_ERROR = 2;
    public static final int TABLE_ROW_ADDED = 3;
    public static final int TABLE_ROW_DELETED = 4;
    public static final int TABLE_ROW_MODIFIED = 5;
    public static final int TABLE_SORT_DONE = 6;
    public static final int TABLE_RESTRICT_DONE = 7;
    public static final int TABLE_SETCOL_DONE = 8;
    public static final int TABLE_RELOAD = 9;

    private static final int[] BITS = {
        fnevCriticalError,
        fnevNewMail,
        fnevObjectCreated,
        fnevObjectDeleted,
        fnevObjectModified,
        fnevObjectMoved,
        fnevObjectCopied,
        fnevSearchComplete,
        fnevTableModified,
        fnevStatusObjectModified,
        fnevReservedForMapi,
        fnevExtended
    };
    private static final String[] NAMES = {
        "fnevCriticalError",
        "fnevNewMail",
        "fnevObjectCreated",
        "fnevObjectDeleted",
        "fnevObjectModified",
        "fnevObjectMoved",
        "fnevObjectCopied",
        "fnevSearchComplete",
        "fnevTableModified",
        "fnevStatusObjectModified",
        "fnevReservedForMapi",
        "fnevExtended"
    };

    /** {@code fnevObjectCreated|fnevObjectDeleted} style names for a mask. */
    public static String maskName(int mask) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < BITS.length; i++) {
            if ((mask & BITS[i]) != 0) {
                names.add(NAMES[i]);
            }
        }
        return names.isEmpty() ? "0" : String.join("|", names);
    }

    public static String tableEventName(int event) {
        return switch (event) {
            case TABLE_CHANGED -> "TABLE_CHANGED";
            case TABLE_ERROR -> "TABLE_ERROR";
            case TABLE_ROW_ADDED -> "TABLE_ROW_ADDED";
            case TABLE_ROW_DELETED -> "TABLE_ROW_DELETED";
            case TABLE_ROW_MODIFIED -> "TABLE_ROW_MODIFIED";
            case TABLE_SORT_DONE -> "TABLE_SORT_DONE";
            case TABLE_RESTRICT_DONE -> "TABLE_RESTRICT_DONE";
            case TABLE_SETCOL_DONE -> "TABLE_SETCOL_DONE";
            case TABLE_RELOAD -> "TABLE_RELOAD";
            default -> "TABLE_EVENT_" + event;
        };
    }
}
