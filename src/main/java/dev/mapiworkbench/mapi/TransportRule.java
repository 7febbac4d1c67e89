package dev.mapiworkbench.mapi;

import java.util.Locale;
import java.util.Objects;

/**
 * One per-message rule of the simulated transport (docs/scenarios.md "Transport rules", decision 0440).
 * Written as {@code MATCH[&MATCH…]=ACTION}:
 * <ul>
 *   <li>{@code MATCH}: {@code #N} (the N-th send the transport starts, counted from 1 since the rules were
 *       put in force), {@code #N+} (the N-th and every later one), {@code subject~TEXT} (the subject
 *       contains TEXT, ignoring case), {@code to~TEXT} (a recipient's address contains TEXT, ignoring
 *       case) or {@code *} (every message); several are joined with {@code &} and must all hold;</li>
 *   <li>{@code ACTION}: {@code delay:MS} (this message takes MS milliseconds instead of the transport's
 *       latency), {@code hang} (the transport hangs inside this message's send until the rule is removed
 *       or a Logoff aborts the send), {@code fail:HRESULT[:REASON]} (the message fails with that HRESULT,
 *       by name or hex), {@code smtp:CODE TEXT} (an SMTP-like reply: 5xx fails the message with
 *       MAPI_E_NOT_FOUND as a server's rejection does (decision 0161), 4xx defers it once, as a greylisting
 *       server does: it stays queued and is tried again after {@code ;retry:MS} milliseconds, by default
 *       {@link #DEFAULT_RETRY_MILLIS}, decision 0610) or {@code offline:MS} (the transport goes offline for MS
 *       milliseconds when the message reaches it; the message and the rest stay queued until it is back).</li>
 * </ul>
 * The first rule that matches a message decides; a message no rule matches goes as the transport's
 * settings say. TEXT may not contain {@code =} or {@code &}.
 *
 * @param nth      0 = any send, else the 1-based number of the send
 * @param andLater with {@code nth}: also every later send
 * @param subject  subject filter (contains, ignoring case), or null
 * @param to       recipient filter (contains, ignoring case), or null
 * @param action   what happens to a matching message
 * @param millis   for {@link Action#DELAY} and {@link Action#OFFLINE}: how long; for a 4xx {@link Action#SMTP}:
 *                 the retry delay
 * @param hresult  for {@link Action#FAIL}: the HRESULT (for {@link Action#SMTP} 5xx: MAPI_E_NOT_FOUND)
 * @param reason   for {@link Action#FAIL}: the reason (may be null); for {@link Action#SMTP}: the reply
 */
public record TransportRule(
        int nth,
        boolean andLater,
        String subject,
        String to,
        Action action,
        long millis,
        HResult hresult,
        String reason) {

    /** What a rule does to a matching message. */
    public enum Action {
        DELAY,
        HANG,
        FAIL,
        SMTP,
        OFFLINE;

        /** The word in the text form: {@code delay}, {@code hang}, … */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The longest text {@link #parse} accepts. */
    public static final int MAX_LENGTH = 400;

    /** The longest delay or offline period: one day. */
    public static final long MAX_MILLIS = 86_400_000L;

    /**
     * How long mail a 4xx rule deferred waits for its retry when the rule does not say ({@code ;retry:MS}):
     * RFC 5321 §4.5.4.1's "at least 30 minutes" scaled to one second per minute (decision 0610).
     */
    public static final long DEFAULT_RETRY_MILLIS = 30_000L;

    /** The retry delay at the end of a 4xx reply: {@code ;retry:MS}. */
    private static final java.util.regex.Pattern RETRY =
            java.util.regex.Pattern.compile(";\\s*retry\\s*:(.*)$", java.util.regex.Pattern.CASE_INSENSITIVE);

    private static final String FORM = "MATCH=ACTION, e.g. subject~Report=fail:MAPI_E_NETWORK_ERROR or #2=hang";

    public TransportRule {
        Objects.requireNonNull(action, "action");
        if (nth < 0) {
            throw new IllegalArgumentException("#N must be 1 or more");
        }
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalArgumentException(action.word() + ":MS must be 0.." + MAX_MILLIS + ", not " + millis);
        }
        if ((action == Action.FAIL || action == Action.SMTP) && (hresult == null || hresult.succeeded())) {
            throw new IllegalArgumentException(
                    "a failing rule needs a failure HRESULT, not " + (hresult == null ? "none" : hresult.name()));
        }
        subject = blankToNull(subject);
        to = blankToNull(to);
    }

    /**
     * Parses {@code MATCH[&MATCH…]=ACTION}.
     *
     * @throws IllegalArgumentException with a one-line reason naming the bad part
     */
    public static TransportRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty transport rule; expected " + FORM);
        }
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("transport rule longer than " + MAX_LENGTH + " characters");
        }
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
            throw new IllegalArgumentException("'" + s + "' is not " + FORM);
        }
        int nth = 0;
        boolean later = false;
        String subject = null;
        String to = null;
        for (String part : s.substring(0, eq).split("&", -1)) {
            String m = part.strip();
            if (m.equals("*")) {
                continue;
            }
            if (m.startsWith("#")) {
                String n = m.substring(1).strip();
                boolean plus = n.endsWith("+");
                try {
                    nth = Integer.parseInt(plus ? n.substring(0, n.length() - 1) : n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + m + "' is not a message number (#1, #2, #3+)", e);
                }
                if (nth < 1) {
                    throw new IllegalArgumentException("message numbers start at #1, not " + m);
                }
                later = plus;
            } else if (m.regionMatches(true, 0, "subject~", 0, 8) && m.length() > 8) {
                subject = m.substring(8);
            } else if (m.regionMatches(true, 0, "to~", 0, 3) && m.length() > 3) {
                to = m.substring(3);
            } else {
                throw new IllegalArgumentException(
                        "'" + m + "' is not a match: expected #N, #N+, subject~TEXT," + " to~TEXT or *");
            }
        }
        return action(s.substring(eq + 1).strip(), nth, later, subject, to);
    }

    private static TransportRule action(String right, int nth, boolean later, String subject, String to) {
        String lower = right.toLowerCase(Locale.ROOT);
        if (lower.equals("hang")) {
            return new TransportRule(nth, later, subject, to, Action.HANG, 0, null, null);
        }
        if (lower.startsWith("delay:") || lower.startsWith("offline:")) {
            Action a = lower.startsWith("delay:") ? Action.DELAY : Action.OFFLINE;
            String ms = right.substring(a.word().length() + 1).strip();
            long millis;
            try {
                millis = Long.parseLong(ms);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + right + "' is not " + a.word() + ":MILLISECONDS", e);
            }
            if (a == Action.OFFLINE && millis < 1) {
                throw new IllegalArgumentException("offline:MS needs 1 ms or more");
            }
            return new TransportRule(nth, later, subject, to, a, millis, null, null);
        }
        if (lower.startsWith("fail:")) {
            String rest = right.substring(5).strip();
            int colon = rest.indexOf(':', rest.regionMatches(true, 0, "0x", 0, 2) ? 2 : 0);
            String code = colon < 0 ? rest : rest.substring(0, colon).strip();
            String why = colon < 0 ? null : rest.substring(colon + 1).strip();
            HResult hr = hresult(code);
            if (hr.succeeded()) {
                throw new IllegalArgumentException(hr.name() + " is not a failure; fail: needs a failing HRESULT");
            }
            return new TransportRule(nth, later, subject, to, Action.FAIL, 0, hr, why);
        }
        if (lower.startsWith("smtp:")) {
            String reply = right.substring(5).strip();
            long retry = DEFAULT_RETRY_MILLIS;
            java.util.regex.Matcher m = RETRY.matcher(reply);
            if (m.find()) {
                String ms = m.group(1).strip();
                if (!reply.startsWith("4")) {
                    throw new IllegalArgumentException("';retry:' goes with a 4xx reply only: a " + reply.charAt(0)
                            + "xx reply is final, nothing is retried");
                }
                try {
                    retry = Long.parseLong(ms);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "';retry:" + ms + "' is not a number of milliseconds (e.g. ;retry:30000)", e);
                }
                if (retry < 0 || retry > MAX_MILLIS) {
                    throw new IllegalArgumentException(
                            "the retry delay must be 0.." + MAX_MILLIS + " ms, not " + retry);
                }
                reply = reply.substring(0, m.start()).strip();
            }
            if (!reply.matches("[45][0-9][0-9]([ -].*)?")) {
                throw new IllegalArgumentException("'" + right + "' is not smtp:CODE TEXT with a 4xx or 5xx code"
                        + " (e.g. smtp:550 5.1.1 mailbox unavailable)");
            }
            return new TransportRule(
                    nth,
                    later,
                    subject,
                    to,
                    Action.SMTP,
                    reply.startsWith("4") ? retry : 0,
                    HResult.MAPI_E_NOT_FOUND,
                    reply);
        }
        throw new IllegalArgumentException("unknown action '" + right + "': expected delay:MS, hang,"
                + " fail:HRESULT[:REASON], smtp:CODE TEXT or offline:MS");
    }

    private static HResult hresult(String code) {
        if (code.isEmpty()) {
            throw new IllegalArgumentException("fail: needs an HRESULT (MAPI_E_NETWORK_ERROR or 0x80040115)");
        }
        try {
            return FaultSpec.parseHResult(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + code + "' is not an HRESULT name (MAPI_E_NETWORK_ERROR) or 32-bit hex", e);
        }
    }

    /** An SMTP reply with a 4xx code: the message is deferred, not failed, and tried again after {@link #millis}. */
    public boolean transient4xx() {
        return action == Action.SMTP && reason.startsWith("4");
    }

    /** Whether the {@code send}-th send (1-based) of a message with this subject and recipients matches. */
    public boolean matches(long send, String messageSubject, Iterable<String> recipients) {
        if (nth > 0 && !(send == nth || (andLater && send > nth))) {
            return false;
        }
        if (subject != null && (messageSubject == null || !contains(messageSubject, subject))) {
            return false;
        }
        if (to != null) {
            for (String r : recipients) {
                if (r != null && contains(r, to)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean contains(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The text form {@link #parse} reads back. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (nth > 0) {
            sb.append('#').append(nth).append(andLater ? "+" : "");
        }
        if (subject != null) {
            sb.append(sb.length() > 0 ? "&" : "").append("subject~").append(subject);
        }
        if (to != null) {
            sb.append(sb.length() > 0 ? "&" : "").append("to~").append(to);
        }
        if (sb.length() == 0) {
            sb.append('*');
        }
        sb.append('=');
        switch (action) {
            case DELAY, OFFLINE -> sb.append(action.word()).append(':').append(millis);
            case FAIL ->
                sb.append("fail:")
                        .append(hresult.isKnown() ? hresult.name() : HResult.hex(hresult.value()))
                        .append(reason == null ? "" : ":" + reason);
            case SMTP ->
                sb.append("smtp:")
                        .append(reason)
                        .append(transient4xx() && millis != DEFAULT_RETRY_MILLIS ? ";retry:" + millis : "");
            default -> sb.append(action.word());
        }
        return sb.toString();
    }
}
