package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.mapi.HResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One extra client thread of a scenario (decision 0550, docs/scenarios.md "Threads"): a real thread besides the
 * session's MAPI thread (decision 0450) that makes MAPI calls of its own. Written as
 * {@code NAME[:KEY=VALUE[,KEY=VALUE…]]} on the command line ({@code --thread}), as an object in a scenario's
 * {@code threads[]}:
 * <ul>
 *   <li>{@code init=yes|no}: whether it calls MAPIInitialize first (default yes; Griffin's rule 1 says every
 *       thread that uses MAPI must);</li>
 *   <li>{@code flags=FLAGS}: MAPIINIT_0.ulFlags of its MAPIInitialize (hex, decimal or names joined with
 *       {@code |}, e.g. {@code MAPI_MULTITHREAD_NOTIFICATIONS}; default 0);</li>
 *   <li>{@code start=before-logon|after-logon}: when it starts (default after-logon). A thread started before
 *       the logon is the first to call MAPIInitialize (rule 4 is about that thread);</li>
 *   <li>{@code calls=API[+API]}: what it calls after initialising: {@code MAPIAllocateBuffer} (64 bytes, then
 *       MAPIFreeBuffer) and {@code MAPILogonEx} (a session of its own on the same profile, MAPI_EXTENDED |
 *       MAPI_USE_DEFAULT | MAPI_NEW_SESSION, then IMAPISession::Logoff and Release);</li>
 *   <li>{@code uninit=before|after|never}: when it calls MAPIUninitialize relative to the session's thread:
 *       before the teardown starts, after the teardown ended (so after the session's own MAPIUninitialize), or
 *       never (the thread ends, before the teardown, with MAPI still initialised). Default before.</li>
 * </ul>
 *
 * @param name       1-32 of {@code a-z 0-9 -}, unique in a run
 * @param initialize whether it calls MAPIInitialize
 * @param initFlags  MAPIINIT_0.ulFlags, unknown bits passed as given
 * @param start      when it starts
 * @param calls      what it calls, in order
 * @param uninit     when it uninitialises
 */
public record ThreadSpec(
        String name, boolean initialize, int initFlags, Start start, List<String> calls, Uninit uninit) {

    /** The calls a scenario thread can make. */
    public static final List<String> CALLS = List.of("MAPIAllocateBuffer", "MAPILogonEx");

    /** The most extra threads a run takes. */
    public static final int MAX_THREADS = 8;

    /** When the thread starts. */
    public enum Start {
        BEFORE_LOGON("before-logon"),
        AFTER_LOGON("after-logon");

        private final String word;

        Start(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        /** The value for {@code word}. */
        public static Start of(String word) {
            for (Start s : values()) {
                if (s.word.equals(word)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("start must be before-logon or after-logon, not '" + cut(word) + "'");
        }
    }

    /** When the thread calls MAPIUninitialize, relative to the session's MAPI thread. */
    public enum Uninit {
        BEFORE("before"),
        AFTER("after"),
        NEVER("never");

        private final String word;

        Uninit(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        /** The value for {@code word}. */
        public static Uninit of(String word) {
            for (Uninit u : values()) {
                if (u.word.equals(word)) {
                    return u;
                }
            }
            throw new IllegalArgumentException("uninit must be before, after or never, not '" + cut(word) + "'");
        }
    }

    public ThreadSpec {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(uninit, "uninit");
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException(
                    "a thread's name must be 1-32 lower-case letters, digits and '-', not '" + cut(name) + "'");
        }
        calls = calls == null ? List.of() : List.copyOf(calls);
        for (String c : calls) {
            if (!CALLS.contains(c)) {
                throw new IllegalArgumentException(
                        "a scenario thread can call " + String.join(" and ", CALLS) + ", not '" + cut(c) + "'");
            }
        }
    }

    /** A thread with the defaults: MAPIInitialize (flags 0) after the logon, MAPIUninitialize before the teardown. */
    public static ThreadSpec of(String name) {
        return new ThreadSpec(name, true, 0, Start.AFTER_LOGON, List.of(), Uninit.BEFORE);
    }

    /**
     * Parses {@code NAME[:KEY=VALUE[,KEY=VALUE…]]}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static ThreadSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a thread needs a name: NAME[:init=yes|no,flags=FLAGS,"
                    + "start=before-logon|after-logon,calls=API+API,uninit=before|after|never]");
        }
        if (text.length() > 400) {
            throw new IllegalArgumentException("a thread is longer than 400 characters");
        }
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).trim();
        boolean init = true;
        int flags = 0;
        Start start = Start.AFTER_LOGON;
        List<String> calls = List.of();
        Uninit uninit = Uninit.BEFORE;
        Set<String> seen = new LinkedHashSet<>();
        if (colon >= 0) {
            for (String part : text.substring(colon + 1).split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(
                            "'" + cut(part.trim()) + "' is not KEY=VALUE (keys: init, flags, start, calls, uninit)");
                }
                String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = part.substring(eq + 1).trim();
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("'" + key + "' is given twice");
                }
                switch (key) {
                    case "init" -> {
                        if (!value.equals("yes") && !value.equals("no")) {
                            throw new IllegalArgumentException("init must be yes or no, not '" + cut(value) + "'");
                        }
                        init = value.equals("yes");
                    }
                    case "flags" -> flags = FlagSet.INIT.parse(value);
                    case "start" -> start = Start.of(value);
                    case "calls" -> calls = value.isEmpty() ? List.of() : List.of(value.split("\\+", -1));
                    case "uninit" -> uninit = Uninit.of(value);
                    default ->
                        throw new IllegalArgumentException(
                                "unknown key '" + cut(key) + "' (keys: init, flags, start, calls, uninit)");
                }
            }
        }
        return new ThreadSpec(name, init, flags, start, calls, uninit);
    }

    /** The text {@link #parse} reads back; defaults are left out. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!initialize) {
            parts.add("init=no");
        }
        if (initFlags != 0) {
            parts.add("flags=" + flagText(initFlags));
        }
        if (start != Start.AFTER_LOGON) {
            parts.add("start=" + start.word());
        }
        if (!calls.isEmpty()) {
            parts.add("calls=" + String.join("+", calls));
        }
        if (uninit != Uninit.BEFORE) {
            parts.add("uninit=" + uninit.word());
        }
        return parts.isEmpty() ? name : name + ":" + String.join(",", parts);
    }

    /** Flags as names joined with {@code |}, unknown bits in hex. */
    public static String flagText(int value) {
        FlagSet.Decoded d = FlagSet.INIT.decode(value);
        List<String> parts = new ArrayList<>(d.names());
        if (d.unknownBits() != 0) {
            parts.add(HResult.hex(d.unknownBits()));
        }
        return parts.isEmpty() ? "0" : String.join("|", parts);
    }

    private static String cut(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
