package dev.mapiworkbench.sim.store;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.PropTag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked {@link MailStoreFile} property map: values by tag ({@code null} = remove) and, separately,
 * the recipients ({@link StoreProps#RECIPIENTS}). Every store implementation checks its input through
 * this class, so a bad value type fails the same way (MAPI_E_INVALID_PARAMETER) whichever store is used.
 */
public final class PropertyChanges {

    final Map<Integer, Object> values = new LinkedHashMap<>();
    boolean recipientsGiven;
    List<String> recipients;

    private PropertyChanges() {}

    /**
     * Checks the property map given to the store operation {@code op}: the value of each tag must be
     * the Java type of its property type, recipients a list of non-blank addresses.
     *
     * @throws MapiException MAPI_E_INVALID_PARAMETER naming the bad tag or value
     */
    public static PropertyChanges of(Map<Integer, Object> props, String op) {
        String api = "MailStoreFile." + op;
        if (props == null) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, api, "the property map is null");
        }
        PropertyChanges c = new PropertyChanges();
        for (Map.Entry<Integer, Object> e : props.entrySet()) {
            Integer tag = e.getKey();
            Object value = e.getValue();
            if (tag == null) {
                throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, api, "a property tag is null");
            }
            if (tag == StoreProps.RECIPIENTS) {
                c.recipientsGiven = true;
                c.recipients = value == null ? null : recipientList(value, api);
                continue;
            }
            if (value != null) {
                c.values.put(tag, checked(tag, value, api));
            } else {
                c.values.put(tag, null);
            }
        }
        return c;
    }

    public boolean isEmpty() {
        return values.isEmpty() && !recipientsGiven;
    }

    public Map<Integer, Object> valuesWithoutRemovals() {
        Map<Integer, Object> m = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        return m;
    }

    private static List<String> recipientList(Object value, String api) {
        if (!(value instanceof List<?> list)) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    api,
                    "PR_MESSAGE_RECIPIENTS needs a List<String> of SMTP addresses, got " + typeName(value));
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_PARAMETER, api, "a recipient is not a non-blank SMTP address: " + o);
            }
            out.add(s);
        }
        return Collections.unmodifiableList(out);
    }

    private static Object checked(int tag, Object value, String api) {
        Class<?> expected = switch (PropTag.type(tag)) {
            case PropTag.PT_LONG -> Integer.class;
            case PropTag.PT_I8 -> Long.class;
            case PropTag.PT_BOOLEAN -> Boolean.class;
            case PropTag.PT_UNICODE, PropTag.PT_STRING8 -> String.class;
            case PropTag.PT_BINARY -> byte[].class;
            case PropTag.PT_SYSTIME -> Instant.class;
            default -> null;
        };
        if (expected == null) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    api,
                    PropTag.name(tag) + ": property type 0x" + Integer.toHexString(PropTag.type(tag))
                            + " cannot be stored");
        }
        if (!expected.isInstance(value)) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    api,
                    PropTag.name(tag) + " needs a " + expected.getSimpleName() + ", got " + typeName(value));
        }
        return value instanceof byte[] b ? b.clone() : value;
    }

    private static String typeName(Object value) {
        return value.getClass().getSimpleName();
    }

    /** The checked values by tag, in the given order; a null value removes the property. */
    public Map<Integer, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** True when the map named the recipients (even as null, which clears them). */
    public boolean recipientsGiven() {
        return recipientsGiven;
    }

    /** The given recipients, or an empty list when none were given or they were cleared. */
    public List<String> recipientsOrEmpty() {
        return recipients == null ? List.of() : recipients;
    }
}
