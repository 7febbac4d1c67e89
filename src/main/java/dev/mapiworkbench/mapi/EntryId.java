package dev.mapiworkbench.mapi;

import java.util.Arrays;
import java.util.HexFormat;

/** An ENTRYID (4 flag bytes + provider data), always handled as (cb, bytes). Immutable. */
public final class EntryId {

    private final byte[] bytes;

    public EntryId(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static EntryId fromHex(String hex) {
        return new EntryId(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public String toHex() {
        return hex(bytes);
    }

    static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntryId other && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "EntryId[" + toHex() + "]";
    }
}
