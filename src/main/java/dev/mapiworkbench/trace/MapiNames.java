package dev.mapiworkbench.trace;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The names a trace may use for flags and HRESULTs, with their values from
 * /work/shared/docs/mapi-reference.md §2 (the constants of {@link MapiFlags} and {@link HResult}, plus the
 * few flag names of §2.1/§2.2/§2.3 the model has no constant for). Name lookups are exact
 * (upper case); a flag word is names and numbers joined with {@code |}.
 */
public final class MapiNames {

    private static final Map<String, Integer> FLAGS;
    private static final Map<String, Integer> HRESULTS;

    static {
        Map<String, Integer> f = new LinkedHashMap<>();
        for (Field field : MapiFlags.class.getFields()) {
            int m = field.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == int.class) {
                try {
                    f.put(field.getName(), field.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        // mapi-reference §2.1 (MAPIX.h:53,57,58,62,64; MAPIAux.h:74), §2.2 (MAPIDefS.h:2487-2488; MAPIAux.h:85)
        f.putIfAbsent("MAPI_APP_PROFILE", 0x00000004);
        f.putIfAbsent("MAPI_FORCE_DOWNLOAD", 0x00001000);
        f.putIfAbsent("MAPI_SERVICE_UI_ALWAYS", 0x00002000);
        f.putIfAbsent("MAPI_PASSWORD_UI", 0x00020000);
        f.putIfAbsent("MAPI_TIMEOUT_SHORT", 0x00100000);
        f.putIfAbsent("MAPI_BG_SESSION", 0x00200000);
        f.putIfAbsent("MDB_TEMPORARY", 0x00000020);
        f.putIfAbsent("MDB_NO_MAIL", 0x00000080);
        f.putIfAbsent("MDB_ONLINE", 0x00000100);
        // §2.3 notification event types (MAPIDefS.h:807-818)
        String[] fnev = {
            "fnevCriticalError",
            "fnevNewMail",
            "fnevObjectCreated",
            "fnevObjectDeleted",
            "fnevObjectModified",
            "fnevObjectMoved",
            "fnevObjectCopied",
            "fnevSearchComplete",
            "fnevTableModified",
            "fnevStatusObjectModified"
        };
        for (int i = 0; i < fnev.length; i++) {
            f.putIfAbsent(fnev[i], 1 << i);
        }
        f.putIfAbsent("fnevReservedForMapi", 0x40000000);
        f.putIfAbsent("fnevExtended", 0x80000000);
        FLAGS = Collections.unmodifiableMap(f);

        Map<String, Integer> h = new LinkedHashMap<>();
        HResult.known().forEach((v, hr) -> h.put(hr.name(), v));
        // the COM names the MAPI codes are defined as (mapi-reference §2.4, MAPICode.h:96-100)
        h.put("E_FAIL", 0x80004005);
        h.put("E_OUTOFMEMORY", 0x8007000E);
        h.put("E_INVALIDARG", 0x80070057);
        h.put("E_NOINTERFACE", 0x80004002);
        h.put("E_ACCESSDENIED", 0x80070005);
        HRESULTS = Collections.unmodifiableMap(h);
    }

    private MapiNames() {}

    /** Every flag name the trace format knows, with its value. */
    public static Map<String, Integer> flags() {
        return FLAGS;
    }

    /** The value of a flag name, if known. */
    public static OptionalInt flag(String name) {
        Integer v = FLAGS.get(name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** The value of an HRESULT name ({@code MAPI_E_NO_SUPPORT}), if known. */
    public static OptionalInt hresult(String name) {
        Integer v = HRESULTS.get(name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /**
     * Parses a flag word: {@code 0x3}, {@code 3}, {@code MAPI_BEST_ACCESS|MDB_NO_DIALOG}, or a mix.
     *
     * @throws IllegalArgumentException naming the part that is neither a number nor a known name
     */
    public static int parseFlags(String text) {
        int value = 0;
        for (String part : text.split("\\|", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty flag in '" + text + "'");
            }
            OptionalInt named = flag(p);
            if (named.isPresent()) {
                value |= named.getAsInt();
                continue;
            }
            try {
                value |= (int) parseNumber(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unknown flag '" + p + "'");
            }
        }
        return value;
    }

    /** A number given as a JSON number, {@code "0x1"}, {@code "7"}; 0 when absent or not a number. */
    static long number(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            try {
                return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                try {
                    return Integer.toUnsignedLong(parseFlags(s));
                } catch (IllegalArgumentException e2) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * Parses an HRESULT: a name or {@code 0x8004010F}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static int parseHresult(String text) {
        String t = text.trim();
        OptionalInt named = hresult(t);
        if (named.isPresent()) {
            return named.getAsInt();
        }
        if (t.toLowerCase(Locale.ROOT).startsWith("0x")) {
            try {
                return (int) Long.parseLong(t.substring(2), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad HRESULT '" + text + "'");
            }
        }
        throw new IllegalArgumentException(
                "unknown HRESULT '" + text + "' (a name such as MAPI_E_NO_SUPPORT or " + "hex such as 0x80040102)");
    }

    /** The name of an HRESULT value, or its hex form. */
    public static String hresultName(int value) {
        return HResult.of(value).name();
    }

    private static long parseNumber(String p) {
        String t = p.toLowerCase(Locale.ROOT);
        long v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) {
            throw new NumberFormatException(p);
        }
        return v;
    }
}
