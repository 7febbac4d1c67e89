package dev.mapiworkbench.mapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The named bits of one MAPI flags parameter, for typing raw flags and reading them back:
 * {@link #LOGOFF} (IMAPISession::Logoff ulFlags), {@link #LOGON} (MAPILogonEx ulFlags) and
 * {@link #INIT} (MAPIINIT_0.ulFlags of MAPIInitialize). Values and header lines are mapi-reference.md
 * §2.1 (MS-hdr MAPIX.h / MAPIDefS.h / MAPIAux.h). Text is a number (hex with {@code 0x}, or decimal)
 * or names, combined with {@code |}, {@code +} or {@code ,}; names are case-insensitive. Bits no name
 * covers are kept: they are passed to MAPI as typed and shown as {@code unknown 0x...}.
 */
public final class FlagSet {

    /** One named bit and where it is defined. */
    public record Flag(String name, int bit, String source) {}

    /** What a value means: the names of its known bits, in bit order, and the bits no name covers. */
    public record Decoded(int value, List<String> names, int unknownBits) {

        public Decoded {
            names = List.copyOf(names);
        }

        /** {@code MAPI_LOGOFF_SHARED | MAPI_LOGOFF_UI | unknown 0x00000100}, or {@code none (0)}. */
        public String describe() {
            List<String> parts = new ArrayList<>(names);
            if (unknownBits != 0) {
                parts.add("unknown " + HResult.hex(unknownBits));
            }
            return parts.isEmpty() ? "none (0)" : String.join(" | ", parts);
        }
    }

    public static final FlagSet LOGOFF = new FlagSet(
            "IMAPISession::Logoff",
            List.of(
                    new Flag("MAPI_LOGOFF_SHARED", MapiFlags.MAPI_LOGOFF_SHARED, "MAPIX.h:155"),
                    new Flag("MAPI_LOGOFF_UI", MapiFlags.MAPI_LOGOFF_UI, "MAPIX.h:156")));

    public static final FlagSet LOGON = new FlagSet(
            "MAPILogonEx",
            List.of(
                    new Flag("MAPI_LOGON_UI", MapiFlags.MAPI_LOGON_UI, "MAPIX.h:51"),
                    new Flag("MAPI_NEW_SESSION", MapiFlags.MAPI_NEW_SESSION, "MAPIX.h:52"),
                    new Flag("MAPI_APP_PROFILE", MapiFlags.MAPI_APP_PROFILE, "MAPIX.h:53"),
                    new Flag("MAPI_ALLOW_OTHERS", MapiFlags.MAPI_ALLOW_OTHERS, "MAPIX.h:54"),
                    new Flag("MAPI_EXPLICIT_PROFILE", MapiFlags.MAPI_EXPLICIT_PROFILE, "MAPIX.h:55"),
                    new Flag("MAPI_EXTENDED", MapiFlags.MAPI_EXTENDED, "MAPIX.h:56"),
                    new Flag("MAPI_USE_DEFAULT", MapiFlags.MAPI_USE_DEFAULT, "MAPIDefS.h:1017"),
                    new Flag("MAPI_FORCE_DOWNLOAD", MapiFlags.MAPI_FORCE_DOWNLOAD, "MAPIX.h:57"),
                    new Flag("MAPI_SERVICE_UI_ALWAYS", MapiFlags.MAPI_SERVICE_UI_ALWAYS, "MAPIX.h:58"),
                    new Flag("MAPI_NO_MAIL", MapiFlags.MAPI_NO_MAIL, "MAPIX.h:59"),
                    new Flag("MAPI_NT_SERVICE", MapiFlags.MAPI_NT_SERVICE, "MAPIDefS.h:76"),
                    new Flag("MAPI_PASSWORD_UI", MapiFlags.MAPI_PASSWORD_UI, "MAPIX.h:62"),
                    new Flag("MAPI_TIMEOUT_SHORT", MapiFlags.MAPI_TIMEOUT_SHORT, "MAPIX.h:64"),
                    new Flag("MAPI_BG_SESSION", MapiFlags.MAPI_BG_SESSION, "MAPIAux.h:74"),
                    new Flag("MAPI_UNICODE", MapiFlags.MAPI_UNICODE, "MAPIDefS.h:165")));

    public static final FlagSet INIT = new FlagSet(
            "MAPIInitialize (MAPIINIT_0.ulFlags)",
            List.of(
                    new Flag("MAPI_MULTITHREAD_NOTIFICATIONS", MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS, "MAPIX.h:82"),
                    new Flag("MAPI_NO_COINIT", MapiFlags.MAPI_NO_COINIT, "MAPIAux.h:77"),
                    new Flag("MAPI_NT_SERVICE", MapiFlags.MAPI_NT_SERVICE, "MAPIDefS.h:76")));

    /** What IMsgStore::StoreLogoff returns in *lpulFlags (MAPIDefS.h:2050-2053). */
    public static final FlagSet STORE_LOGOFF_OUT = new FlagSet(
            "IMsgStore::StoreLogoff (output)",
            List.of(
                    new Flag("LOGOFF_COMPLETE", MapiFlags.LOGOFF_COMPLETE, "MAPIDefS.h:2050"),
                    new Flag("LOGOFF_INBOUND", MapiFlags.LOGOFF_INBOUND, "MAPIDefS.h:2051"),
                    new Flag("LOGOFF_OUTBOUND", MapiFlags.LOGOFF_OUTBOUND, "MAPIDefS.h:2052"),
                    new Flag("LOGOFF_OUTBOUND_QUEUE", MapiFlags.LOGOFF_OUTBOUND_QUEUE, "MAPIDefS.h:2053")));

    private final String parameter;
    private final List<Flag> flags;

    public FlagSet(String parameter, List<Flag> flags) {
        this.parameter = parameter;
        this.flags = List.copyOf(flags);
    }

    /** What the flags are for, e.g. {@code IMAPISession::Logoff}. */
    public String parameter() {
        return parameter;
    }

    /** The named bits, in definition order. */
    public List<Flag> flags() {
        return flags;
    }

    /** All bits that have a name. */
    public int knownBits() {
        int m = 0;
        for (Flag f : flags) {
            m |= f.bit();
        }
        return m;
    }

    /**
     * Parses typed flags: {@code 0x3}, {@code 3}, {@code MAPI_LOGOFF_UI|MAPI_LOGOFF_SHARED},
     * {@code mapi_logoff_ui + 0x100}; blank is 0.
     *
     * @throws IllegalArgumentException naming the part that is neither a number nor a flag of this set
     */
    public int parse(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        int value = 0;
        for (String raw : text.split("[|+,]", -1)) {
            String part = raw.trim();
            if (part.isEmpty()) {
                throw new IllegalArgumentException(
                        "an empty part in '" + text.trim() + "': put a flag or a number" + " between the separators");
            }
            value |= parsePart(part);
        }
        return value;
    }

    private int parsePart(String part) {
        String lower = part.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x") || Character.isDigit(part.charAt(0))) {
            long v;
            try {
                v = lower.startsWith("0x") ? Long.parseLong(part.substring(2), 16) : Long.parseLong(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part + "' is not a number (write hex as 0x1F, or decimal)", e);
            }
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("'" + part + "' does not fit in a 32-bit ULONG");
            }
            return (int) v;
        }
        for (Flag f : flags) {
            if (f.name().equalsIgnoreCase(part)) {
                return f.bit();
            }
        }
        throw new IllegalArgumentException("'" + part + "' is not a " + parameter + " flag (known: "
                + String.join(", ", flags.stream().map(Flag::name).toList()) + ")");
    }

    /** The names of {@code value}'s known bits (bit order) and its unknown bits. */
    public Decoded decode(int value) {
        List<String> names = new ArrayList<>();
        int known = 0;
        for (int bit = 0; bit < 32; bit++) {
            int b = 1 << bit;
            if ((value & b) == 0) {
                continue;
            }
            for (Flag f : flags) {
                if (f.bit() == b) {
                    names.add(f.name());
                    known |= b;
                    break;
                }
            }
        }
        return new Decoded(value, names, value & ~known);
    }

    /** {@code 0x00000003 (MAPI_LOGOFF_SHARED | MAPI_LOGOFF_UI)}; 0 is {@code 0x00000000}. */
    public String format(int value) {
        return value == 0
                ? HResult.hex(0)
                : HResult.hex(value) + " (" + decode(value).describe() + ")";
    }
}
