package dev.mapiworkbench.mapi;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One SPropValue. The Java type of {@code value} follows the tag's type: PT_LONG {@link Integer},
 * PT_I8 {@link Long}, PT_BOOLEAN {@link Boolean}, PT_UNICODE/PT_STRING8 {@link String}, PT_BINARY
 * {@code byte[]}, PT_SYSTIME {@link Instant}, PT_ERROR {@link HResult} (a property GetProps could
 * not return; the tag then carries type PT_ERROR), PT_NULL and PT_OBJECT {@link Integer} (the
 * union's {@code LONG x}, "no usable value", MAPIDefS.h:551).
 */
public record PropValue(int tag, Object value) {

    public PropValue {
        Objects.requireNonNull(value, "value");
    }

    public static PropValue of(int tag, Object value) {
        return new PropValue(tag, value);
    }

    public static PropValue error(int tag, HResult scode) {
        return new PropValue(PropTag.withType(tag, PropTag.PT_ERROR), scode);
    }

    public boolean isError() {
        return PropTag.type(tag) == PropTag.PT_ERROR;
    }

    public int asInt() {
        return (Integer) value;
    }

    public boolean asBoolean() {
        return (Boolean) value;
    }

    public String asString() {
        return (String) value;
    }

    public byte[] asBinary() {
        return (byte[]) value;
    }

    public EntryId asEntryId() {
        return new EntryId((byte[]) value);
    }

    public Instant asTime() {
        return (Instant) value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PropValue other) || other.tag != tag) {
            return false;
        }
        if (value instanceof byte[] a && other.value instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + (value instanceof byte[] b ? Arrays.hashCode(b) : value.hashCode());
    }

    @Override
    public String toString() {
        Object shown = value instanceof byte[] b ? EntryId.hex(b) : value;
        return PropTag.name(tag) + "=" + shown;
    }
}
