package dev.mapiworkbench.mapi;

import java.util.Locale;
import java.util.Objects;

/**
 * One fault to inject into a MAPI call of the simulated subsystem (docs/scenarios.md, decision
 * 0170). Written as {@code API[#N[+]][@OBJECT]=ACTION}:
 * <ul>
 *   <li>{@code API}: {@code Interface::Method} ({@code IMAPISession::Logoff}, {@code IMsgStore::Release};
 *       {@code IUnknown::Release} and {@code IUnknown::AddRef} match every interface) or a function
 *       ({@code MAPIUninitialize}, {@code MAPILogonEx}, {@code MAPIFreeBuffer} …);</li>
 *   <li>{@code #N}: only the N-th matching call; {@code #N+}: the N-th and every later one; absent: always;</li>
 *   <li>{@code @OBJECT}: only calls on objects whose display name contains OBJECT, or whose handle is
 *       OBJECT ({@code @0x1A});</li>
 *   <li>{@code ACTION}: an HRESULT by name or hex ({@code MAPI_E_CALL_FAILED}, {@code 0x80004005}) that
 *       the call returns instead of running; {@code block} (until released), {@code block:MS}
 *       (for MS milliseconds, then the call runs); {@code leak} (a Release that does not release:
 *       the object stays referenced and is reported as a leak); {@code late-notify} (after a
 *       successful Unadvise the sink still gets one notification, as <i>Timing a Notification</i>
 *       allows); {@code critical-error} (the call runs, then the session raises fnevCriticalError).</li>
 * </ul>
 *
 * @param api         the call to match
 * @param nth         0 = every call, else the 1-based number of the matching call
 * @param andLater    with {@code nth}: also every later call
 * @param object      object filter (name substring or {@code 0x} handle), or null
 * @param action      what happens
 * @param hresult     for {@link Action#FAIL}: the HRESULT returned
 * @param blockMillis for {@link Action#BLOCK}: how long (0 = until released)
 */
public record FaultSpec(
        String api, int nth, boolean andLater, String object, Action action, HResult hresult, long blockMillis) {

    /** What an injected fault does to the call. */
    public enum Action {
        FAIL("HRESULT"),
        BLOCK("block"),
        LEAK("leak"),
        LATE_NOTIFY("late-notify"),
        CRITICAL_ERROR("critical-error");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** The longest text {@link #parse} accepts, so a bad file cannot hand it megabytes. */
    public static final int MAX_LENGTH = 400;

    public FaultSpec {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(action, "action");
        if (api.isBlank()) {
            throw new IllegalArgumentException("the call name is empty");
        }
        if (nth < 0) {
            throw new IllegalArgumentException("#N must be 1 or more");
        }
        if (action == Action.FAIL && (hresult == null || hresult.succeeded())) {
            throw new IllegalArgumentException(
                    "a failing fault needs a failure HRESULT, not " + (hresult == null ? "none" : hresult.name()));
        }
        if (blockMillis < 0) {
            throw new IllegalArgumentException("block:MS must be 0 or more");
        }
        if (object != null && object.isBlank()) {
            object = null;
        }
    }

    /** Always {@code api} fails with {@code hr}. */
    public static FaultSpec fail(String api, HResult hr) {
        return new FaultSpec(api, 0, false, null, Action.FAIL, hr, 0);
    }

    /** Always {@code api} blocks until released. */
    public static FaultSpec block(String api) {
        return new FaultSpec(api, 0, false, null, Action.BLOCK, null, 0);
    }

    /**
     * Parses {@code API[#N[+]][@OBJECT]=ACTION}.
     *
     * @throws IllegalArgumentException with a one-line reason naming the bad part
     */
    public static FaultSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty fault; expected API=ACTION, e.g. IMAPISession::Logoff=block");
        }
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("fault longer than " + MAX_LENGTH + " characters");
        }
        int eq = s.lastIndexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
            throw new IllegalArgumentException("'" + s + "' is not API=ACTION (e.g. IMsgStore::Release=block)");
        }
        String left = s.substring(0, eq).strip();
        String right = s.substring(eq + 1).strip();
        String object = null;
        int at = left.indexOf('@');
        if (at >= 0) {
            object = left.substring(at + 1).strip();
            left = left.substring(0, at).strip();
            if (object.isEmpty()) {
                throw new IllegalArgumentException("'@' must be followed by an object name or 0x handle");
            }
        }
        int nth = 0;
        boolean later = false;
        int hash = left.indexOf('#');
        if (hash >= 0) {
            String n = left.substring(hash + 1).strip();
            left = left.substring(0, hash).strip();
            if (n.endsWith("+")) {
                later = true;
                n = n.substring(0, n.length() - 1);
            }
            try {
                nth = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'#" + n + "' is not a call number (#1, #2, #3+)", e);
            }
            if (nth < 1) {
                throw new IllegalArgumentException("call numbers start at #1, not #" + nth);
            }
        }
        if (!left.matches("[A-Za-z][A-Za-z0-9_]*(::[A-Za-z][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException(
                    "'" + left + "' is not a MAPI call (Interface::Method or a function name)");
        }
        String lower = right.toLowerCase(Locale.ROOT);
        if (lower.equals("block")) {
            return new FaultSpec(left, nth, later, object, Action.BLOCK, null, 0);
        }
        if (lower.startsWith("block:")) {
            long ms;
            try {
                ms = Long.parseLong(right.substring(6).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + right + "' is not block:MILLISECONDS", e);
            }
            if (ms < 1) {
                throw new IllegalArgumentException("block:MS needs 1 ms or more (plain 'block' waits until released)");
            }
            return new FaultSpec(left, nth, later, object, Action.BLOCK, null, ms);
        }
        if (lower.equals("leak")) {
            if (!left.endsWith("::Release")) {
                throw new IllegalArgumentException("'leak' applies to a Release call, not " + left);
            }
            return new FaultSpec(left, nth, later, object, Action.LEAK, null, 0);
        }
        if (lower.equals("late-notify")) {
            if (!left.endsWith("::Unadvise")) {
                throw new IllegalArgumentException("'late-notify' applies to an Unadvise call, not " + left);
            }
            return new FaultSpec(left, nth, later, object, Action.LATE_NOTIFY, null, 0);
        }
        if (lower.equals("critical-error")) {
            return new FaultSpec(left, nth, later, object, Action.CRITICAL_ERROR, null, 0);
        }
        HResult hr = parseHResult(right);
        if (hr.succeeded()) {
            throw new IllegalArgumentException(hr.name() + " is not a failure; a fault returns a failing HRESULT");
        }
        return new FaultSpec(left, nth, later, object, Action.FAIL, hr, 0);
    }

    /** An HRESULT by name ({@code MAPI_E_CALL_FAILED}) or hex ({@code 0x80004005}). */
    public static HResult parseHResult(String text) {
        String t = text.strip();
        if (t.regionMatches(true, 0, "0x", 0, 2)) {
            try {
                return HResult.of(Integer.parseUnsignedInt(t.substring(2), 16));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "' is not a 32-bit hex HRESULT", e);
            }
        }
        for (HResult hr : HResult.known().values()) {
            if (hr.name().equalsIgnoreCase(t)) {
                return hr;
            }
        }
        throw new IllegalArgumentException("unknown action '" + t + "': expected an HRESULT name (MAPI_E_CALL_FAILED),"
                + " a hex HRESULT, block, block:MS, leak, late-notify or critical-error");
    }

    /** Whether this fault is about {@code callApi} ({@code IUnknown::Release} matches every Release). */
    public boolean matchesApi(String callApi) {
        if (api.equals(callApi)) {
            return true;
        }
        if (api.startsWith("IUnknown::")) {
            String method = api.substring("IUnknown".length());
            return callApi.endsWith(method);
        }
        return false;
    }

    /** Whether the object filter accepts an object with this name and handle. */
    public boolean matchesObject(String name, long handle) {
        if (object == null) {
            return true;
        }
        if (object.regionMatches(true, 0, "0x", 0, 2)) {
            try {
                return Long.parseUnsignedLong(object.substring(2), 16) == handle;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return name != null && name.contains(object);
    }

    /** Whether the {@code count}-th matching call (1-based) is hit. */
    public boolean hits(long count) {
        return nth == 0 || count == nth || (andLater && count > nth);
    }

    /** The text form {@link #parse} reads back. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(api);
        if (nth > 0) {
            sb.append('#').append(nth);
            if (andLater) {
                sb.append('+');
            }
        }
        if (object != null) {
            sb.append('@').append(object);
        }
        sb.append('=');
        switch (action) {
            case FAIL -> sb.append(hresult.isKnown() ? hresult.name() : HResult.hex(hresult.value()));
            case BLOCK -> sb.append(blockMillis > 0 ? "block:" + blockMillis : "block");
            default -> sb.append(action.word());
        }
        return sb.toString();
    }
}
