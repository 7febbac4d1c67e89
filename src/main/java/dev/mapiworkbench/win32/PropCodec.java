package dev.mapiworkbench.win32;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.win32.MapiStructs.SPropValue;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between native SPropValue arrays and {@link PropValue}. MAPI's wide strings are UTF-16LE
 * on every platform (WCHAR), so they are read and written as such, never as the C {@code wchar_t}
 * of the host. PT_STRING8 uses the process ANSI code page (JNA's default encoding).
 */
final class PropCodec {

    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;

    private PropCodec() {}

    /** Allocates memory for strings and binaries of values being written. */
    interface Allocator {
        Pointer allocate(int size);
    }

    /** Java-owned memory, kept reachable until the allocator is dropped after the call. */
    static final class JavaAllocator implements Allocator {
        private final List<Memory> blocks = new ArrayList<>();

        @Override
        public Pointer allocate(int size) {
            Memory m = new Memory(Math.max(1, size));
            m.clear();
            blocks.add(m);
            return m;
        }
    }

    static int sizeOfSPropValue() {
        return new SPropValue().size();
    }

    /** Decodes {@code count} SPropValues starting at {@code array}. */
    static List<PropValue> decodeArray(Pointer array, int count) {
        List<PropValue> out = new ArrayList<>(count);
        if (array == null) {
            return out;
        }
        int stride = sizeOfSPropValue();
        for (int i = 0; i < count; i++) {
            out.add(decode(new SPropValue(array.share((long) i * stride))));
        }
        return out;
    }

    static PropValue decode(SPropValue v) {
        int tag = v.ulPropTag;
        Object value = switch (PropTag.type(tag)) {
            case PropTag.PT_LONG -> v.Value.l;
            case PropTag.PT_I8 -> v.Value.li;
            case PropTag.PT_BOOLEAN -> v.Value.b != 0;
            case PropTag.PT_UNICODE -> readUtf16(v.Value.lpsz);
            case PropTag.PT_STRING8 -> readAnsi(v.Value.lpsz);
            case PropTag.PT_BINARY -> v.Value.bin.bytes();
            case PropTag.PT_SYSTIME -> fileTimeToInstant(v.Value.ft.dwLowDateTime, v.Value.ft.dwHighDateTime);
            case PropTag.PT_ERROR -> HResult.of(v.Value.err);
            // LONG x, "no usable value" (MAPIDefS.h:551): the 4 bytes, never dereferenced as a pointer
            case PropTag.PT_NULL, PropTag.PT_OBJECT -> v.Value.x;
            default -> v.Value.li; // other types: the raw 8 value bytes
        };
        return new PropValue(tag, value);
    }

    /** Writes {@code props} into a native SPropValue array at {@code array}. */
    static void encodeArray(List<PropValue> props, Pointer array, Allocator alloc) {
        int stride = sizeOfSPropValue();
        for (int i = 0; i < props.size(); i++) {
            SPropValue s = new SPropValue();
            s.place(array, i * stride);
            encode(props.get(i), s, alloc);
            s.write();
        }
    }

    static void encode(PropValue p, SPropValue s, Allocator alloc) {
        s.ulPropTag = p.tag();
        s.dwAlignPad = 0;
        String member = SPropValue.unionMember(p.tag());
        s.Value.setType(member);
        Object v = p.value();
        switch (PropTag.type(p.tag())) {
            case PropTag.PT_LONG -> s.Value.l = (Integer) v;
            case PropTag.PT_I8 -> s.Value.li = (Long) v;
            case PropTag.PT_BOOLEAN -> s.Value.b = (short) (((Boolean) v) ? 1 : 0);
            case PropTag.PT_UNICODE -> s.Value.lpsz = writeUtf16((String) v, alloc);
            case PropTag.PT_STRING8 -> s.Value.lpsz = writeAnsi((String) v, alloc);
            case PropTag.PT_BINARY -> {
                byte[] b = v instanceof EntryId e ? e.bytes() : (byte[]) v;
                s.Value.bin.cb = b.length;
                Pointer mem = alloc.allocate(b.length);
                mem.write(0, b, 0, b.length);
                s.Value.bin.lpb = mem;
            }
            case PropTag.PT_SYSTIME -> {
                long ft = instantToFileTime((Instant) v);
                s.Value.ft.dwLowDateTime = (int) ft;
                s.Value.ft.dwHighDateTime = (int) (ft >>> 32);
            }
            case PropTag.PT_ERROR -> s.Value.err = ((HResult) v).value();
            case PropTag.PT_NULL, PropTag.PT_OBJECT -> s.Value.x = v instanceof Integer n ? n : 0;
            default ->
                throw new IllegalArgumentException("cannot write a value of type 0x"
                        + Integer.toHexString(PropTag.type(p.tag())) + " (" + PropTag.name(p.tag()) + ")");
        }
    }

    static String readUtf16(Pointer p) {
        if (p == null) {
            return "";
        }
        int n = 0;
        while (p.getShort(2L * n) != 0) {
            n++;
        }
        return new String(p.getByteArray(0, 2 * n), StandardCharsets.UTF_16LE);
    }

    static String readAnsi(Pointer p) {
        return p == null ? "" : p.getString(0, ansi().name());
    }

    /** Reads a LPTSTR whose width follows {@code MAPI_UNICODE} in the enclosing structure's flags. */
    static String readTString(Pointer p, int flags) {
        return (flags & 0x80000000) != 0 ? readUtf16(p) : readAnsi(p);
    }

    static Pointer writeUtf16(String s, Allocator alloc) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        Pointer m = alloc.allocate(b.length + 2);
        m.write(0, b, 0, b.length);
        m.setShort(b.length, (short) 0);
        return m;
    }

    static Pointer writeAnsi(String s, Allocator alloc) {
        byte[] b = s.getBytes(ansi());
        Pointer m = alloc.allocate(b.length + 1);
        m.write(0, b, 0, b.length);
        m.setByte(b.length, (byte) 0);
        return m;
    }

    static Charset ansi() {
        return Charset.forName(Native.getDefaultStringEncoding());
    }

    static Instant fileTimeToInstant(int low, int high) {
        long ticks = ((long) high << 32) | (low & 0xFFFFFFFFL);
        long since1970 = ticks - FILETIME_EPOCH_OFFSET;
        return Instant.ofEpochSecond(
                Math.floorDiv(since1970, 10_000_000L), Math.floorMod(since1970, 10_000_000L) * 100);
    }

    static long instantToFileTime(Instant t) {
        return t.getEpochSecond() * 10_000_000L + t.getNano() / 100 + FILETIME_EPOCH_OFFSET;
    }

    /** (cb, lpb) as an EntryId, or null when absent. */
    static EntryId entryId(int cb, Pointer p) {
        return cb == 0 || p == null ? null : new EntryId(p.getByteArray(0, cb));
    }
}
