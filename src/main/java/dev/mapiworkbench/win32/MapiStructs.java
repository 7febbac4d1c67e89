package dev.mapiworkbench.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.Union;

/**
 * JNA mappings of the MAPI structures the backend passes or receives, field for field as
 * MAPIDefS.h declares them (mapi-reference.md section 4.2). With JNA's default alignment they get
 * the Windows x64 layout (checked by Win32StructLayoutTest: SPropValue 24, SRow 16,
 * NOTIFICATION 88, ...). Arrays declared {@code [MAPI_DIM]} in C are mapped with one element, as
 * the headers do; longer arrays are addressed with {@link MapiStructure#offsetOf} and the element size.
 */
public final class MapiStructs {

    private MapiStructs() {}

    /** A structure that exposes its field offsets (for the layout tests and array addressing). */
    public abstract static class MapiStructure extends Structure {
        protected MapiStructure() {}

        protected MapiStructure(Pointer p) {
            super(p);
        }

        /** The offset of {@code field} in bytes, as JNA lays the structure out on this platform. */
        public int offsetOf(String field) {
            return fieldOffset(field);
        }

        /** Makes this structure use native memory at {@code base + offset} (to write into an array element). */
        public void place(Pointer base, int offset) {
            useMemory(base, offset);
        }
    }

    /** MAPIINIT_0 {ulVersion, ulFlags}. */
    @FieldOrder({"ulVersion", "ulFlags"})
    public static class MAPIINIT_0 extends MapiStructure {
        public int ulVersion;
        public int ulFlags;

        public MAPIINIT_0() {}

        public MAPIINIT_0(int version, int flags) {
            ulVersion = version;
            ulFlags = flags;
        }
    }

    /** SBinary {cb, lpb}. */
    @FieldOrder({"cb", "lpb"})
    public static class SBinary extends MapiStructure {
        public int cb;
        public Pointer lpb;

        public SBinary() {}

        public byte[] bytes() {
            return cb == 0 || lpb == null ? new byte[0] : lpb.getByteArray(0, cb);
        }
    }

    /** FILETIME {dwLowDateTime, dwHighDateTime}. */
    @FieldOrder({"dwLowDateTime", "dwHighDateTime"})
    public static class FILETIME extends MapiStructure {
        public int dwLowDateTime;
        public int dwHighDateTime;

        public FILETIME() {}
    }

    /** union _PV: the value of an SPropValue (the members the backend reads or writes). */
    public static class PV extends Union {
        public short i;
        public int l;
        public short b;
        public float flt;
        public double dbl;
        public Pointer lpsz;
        public SBinary bin;
        public FILETIME ft;
        public long li;
        public int err;
        /**
         * {@code LONG x}: the member of PT_NULL and PT_OBJECT, "no usable value" (MAPIDefS.h:551 of
         * microsoft/MAPIStubLibrary). A PT_OBJECT value is never a pointer in an SPropValue: the object is
         * opened with IMAPIProp::OpenProperty.
         */
        public int x;

        public PV() {}
    }

    /** SPropValue {ulPropTag, dwAlignPad, Value}. Reading selects the union member from the tag's type. */
    @FieldOrder({"ulPropTag", "dwAlignPad", "Value"})
    public static class SPropValue extends MapiStructure {
        public int ulPropTag;
        public int dwAlignPad;
        public PV Value;

        public SPropValue() {}

        public SPropValue(Pointer p) {
            super(p);
            read();
        }

        @Override
        public void read() {
            super.read();
            Value.setType(unionMember(ulPropTag));
            Value.read();
        }

        /** The _PV member that holds a value of the tag's type. */
        public static String unionMember(int tag) {
            return switch (tag & 0xFFFF) {
                case 0x0002 -> "i";
                case 0x0003 -> "l";
                case 0x000B -> "b";
                case 0x0004 -> "flt";
                case 0x0005 -> "dbl";
                case 0x001E, 0x001F -> "lpsz";
                case 0x0001, 0x000D -> "x"; // PT_NULL, PT_OBJECT: LONG x, no usable value (MAPIDefS.h:551)
                case 0x0102 -> "bin";
                case 0x0040 -> "ft";
                case 0x000A -> "err";
                default -> "li";
            };
        }
    }

    /** SPropTagArray {cValues, aulPropTag[MAPI_DIM]}: 4 + 4n bytes, no padding. */
    @FieldOrder({"cValues", "aulPropTag"})
    public static class SPropTagArray extends MapiStructure {
        public int cValues;
        public int[] aulPropTag = new int[1];

        public SPropTagArray() {}

        /** A native SPropTagArray holding {@code tags} (Java-owned memory). */
        public static Memory of(int... tags) {
            SPropTagArray layout = new SPropTagArray();
            int first = layout.offsetOf("aulPropTag");
            Memory m = new Memory(first + 4L * Math.max(1, tags.length));
            m.clear();
            m.setInt(layout.offsetOf("cValues"), tags.length);
            for (int i = 0; i < tags.length; i++) {
                m.setInt(first + 4L * i, tags[i]);
            }
            return m;
        }
    }

    /** SRow {ulAdrEntryPad, cValues, lpProps}. */
    @FieldOrder({"ulAdrEntryPad", "cValues", "lpProps"})
    public static class SRow extends MapiStructure {
        public int ulAdrEntryPad;
        public int cValues;
        public Pointer lpProps;

        public SRow() {}

        public SRow(Pointer p) {
            super(p);
            read();
        }
    }

    /** SRowSet {cRows, aRow[MAPI_DIM]}: row i is at offsetOf("aRow") + i * sizeof(SRow). */
    @FieldOrder({"cRows", "aRow"})
    public static class SRowSet extends MapiStructure {
        public int cRows;
        public SRow[] aRow = new SRow[] {new SRow()};

        public SRowSet() {}
    }

    /** ADRENTRY {ulReserved1, cValues, rgPropVals} (same layout as SRow). */
    @FieldOrder({"ulReserved1", "cValues", "rgPropVals"})
    public static class ADRENTRY extends MapiStructure {
        public int ulReserved1;
        public int cValues;
        public Pointer rgPropVals;

        public ADRENTRY() {}
    }

    /** ADRLIST {cEntries, aEntries[MAPI_DIM]}. */
    @FieldOrder({"cEntries", "aEntries"})
    public static class ADRLIST extends MapiStructure {
        public int cEntries;
        public ADRENTRY[] aEntries = new ADRENTRY[] {new ADRENTRY()};

        public ADRLIST() {}
    }

    /** ENTRYID {abFlags[4], ab[]}: always passed as the pair (cb, LPENTRYID). */
    @FieldOrder({"abFlags", "ab"})
    public static class ENTRYID extends MapiStructure {
        public byte[] abFlags = new byte[4];
        public byte[] ab = new byte[1];

        public ENTRYID() {}

        /** A native copy of an entry id (4 flag bytes + provider data), Java-owned. */
        public static Memory of(byte[] bytes) {
            Memory m = new Memory(Math.max(1, bytes.length));
            m.clear();
            m.write(0, bytes, 0, bytes.length);
            return m;
        }
    }

    /** MAPIERROR {ulVersion, lpszError, lpszComponent, ulLowLevelError, ulContext}. */
    @FieldOrder({"ulVersion", "lpszError", "lpszComponent", "ulLowLevelError", "ulContext"})
    public static class MAPIERROR extends MapiStructure {
        public int ulVersion;
        public Pointer lpszError;
        public Pointer lpszComponent;
        public int ulLowLevelError;
        public int ulContext;

        public MAPIERROR() {}

        public MAPIERROR(Pointer p) {
            super(p);
            read();
        }
    }

    /** ERROR_NOTIFICATION (fnevCriticalError). */
    @FieldOrder({"cbEntryID", "lpEntryID", "scode", "ulFlags", "lpMAPIError"})
    public static class ERROR_NOTIFICATION extends MapiStructure {
        public int cbEntryID;
        public Pointer lpEntryID;
        public int scode;
        public int ulFlags;
        public Pointer lpMAPIError;

        public ERROR_NOTIFICATION() {}
    }

    /** NEWMAIL_NOTIFICATION (fnevNewMail). */
    @FieldOrder({"cbEntryID", "lpEntryID", "cbParentID", "lpParentID", "ulFlags", "lpszMessageClass", "ulMessageFlags"})
    public static class NEWMAIL_NOTIFICATION extends MapiStructure {
        public int cbEntryID;
        public Pointer lpEntryID;
        public int cbParentID;
        public Pointer lpParentID;
        public int ulFlags;
        public Pointer lpszMessageClass;
        public int ulMessageFlags;

        public NEWMAIL_NOTIFICATION() {}
    }

    /** OBJECT_NOTIFICATION (fnevObjectCreated / Deleted / Modified / Moved / Copied, fnevSearchComplete). */
    @FieldOrder({
        "cbEntryID",
        "lpEntryID",
        "ulObjType",
        "cbParentID",
        "lpParentID",
        "cbOldID",
        "lpOldID",
        "cbOldParentID",
        "lpOldParentID",
        "lpPropTagArray"
    })
    public static class OBJECT_NOTIFICATION extends MapiStructure {
        public int cbEntryID;
        public Pointer lpEntryID;
        public int ulObjType;
        public int cbParentID;
        public Pointer lpParentID;
        public int cbOldID;
        public Pointer lpOldID;
        public int cbOldParentID;
        public Pointer lpOldParentID;
        public Pointer lpPropTagArray;

        public OBJECT_NOTIFICATION() {}
    }

    /** TABLE_NOTIFICATION (fnevTableModified). */
    @FieldOrder({"ulTableEvent", "hResult", "propIndex", "propPrior", "row", "ulPad"})
    public static class TABLE_NOTIFICATION extends MapiStructure {
        public int ulTableEvent;
        public int hResult;
        public SPropValue propIndex;
        public SPropValue propPrior;
        public SRow row;
        public int ulPad;

        public TABLE_NOTIFICATION() {}
    }

    /** EXTENDED_NOTIFICATION (fnevExtended). */
    @FieldOrder({"ulEvent", "cb", "pbEventParameters"})
    public static class EXTENDED_NOTIFICATION extends MapiStructure {
        public int ulEvent;
        public int cb;
        public Pointer pbEventParameters;

        public EXTENDED_NOTIFICATION() {}
    }

    /** STATUS_OBJECT_NOTIFICATION (fnevStatusObjectModified). */
    @FieldOrder({"cbEntryID", "lpEntryID", "cValues", "lpPropVals"})
    public static class STATUS_OBJECT_NOTIFICATION extends MapiStructure {
        public int cbEntryID;
        public Pointer lpEntryID;
        public int cValues;
        public Pointer lpPropVals;

        public STATUS_OBJECT_NOTIFICATION() {}
    }

    /** The union {@code info} of NOTIFICATION. */
    public static class NotificationInfo extends Union {
        public ERROR_NOTIFICATION err;
        public NEWMAIL_NOTIFICATION newmail;
        public OBJECT_NOTIFICATION obj;
        public TABLE_NOTIFICATION tab;
        public EXTENDED_NOTIFICATION ext;
        public STATUS_OBJECT_NOTIFICATION statobj;

        public NotificationInfo() {}
    }

    /**
     * NOTIFICATION {ulEventType, ulAlignPad, info}: 88 bytes on x64; OnNotify receives an array of
     * them with that stride. Reading selects the union member from the event type.
     */
    @FieldOrder({"ulEventType", "ulAlignPad", "info"})
    public static class NOTIFICATION extends MapiStructure {
        public int ulEventType;
        public int ulAlignPad;
        public NotificationInfo info;

        public NOTIFICATION() {}

        public NOTIFICATION(Pointer p) {
            super(p);
            read();
        }

        @Override
        public void read() {
            super.read();
            String member = unionMember(ulEventType);
            if (member != null) {
                info.setType(member);
                info.read();
            }
        }

        /** The info member for an event type, or null for an event type MAPI does not define. */
        public static String unionMember(int eventType) {
            return switch (eventType) {
                case 0x00000001 -> "err";
                case 0x00000002 -> "newmail";
                case 0x00000004, 0x00000008, 0x00000010, 0x00000020, 0x00000040, 0x00000080 -> "obj";
                case 0x00000100 -> "tab";
                case 0x00000200 -> "statobj";
                case 0x80000000 -> "ext";
                default -> null;
            };
        }

        /** sizeof(NOTIFICATION) on this platform: the stride of an OnNotify array. */
        public static int stride() {
            return new NOTIFICATION().size();
        }
    }

    /** sizeof(void*) on this JVM. */
    static int pointerSize() {
        return Native.POINTER_SIZE;
    }
}
