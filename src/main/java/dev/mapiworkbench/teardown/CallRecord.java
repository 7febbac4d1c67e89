package dev.mapiworkbench.teardown;

import java.util.Map;

/**
 * One MAPI call the executor made.
 *
 * @param api            {@code IMsgStore::Unadvise}, {@code MAPIFreeBuffer}, {@code IUnknown::Release}...
 * @param target         the object it was made on ("store 'Mailbox - demo'"), or null for functions
 * @param args           argument names to printed values, in call order ({@code connection -> 0x3})
 * @param hresult        the HRESULT's name ({@code S_OK}, {@code MAPI_E_NOT_FOUND}); Release reports S_OK
 * @param hresultValue   the HRESULT's value
 * @param durationMicros how long the call took
 * @param result         an extra result worth showing (Release's new reference count), or null
 * @param thread         the number of the thread the call ran on: the session's MAPI thread (1 for the first;
 *                       decision 0450), as in a trace's {@code "thread"}; 0 when not known (an older transcript)
 */
public record CallRecord(
        String api,
        String target,
        Map<String, String> args,
        String hresult,
        int hresultValue,
        long durationMicros,
        String result,
        int thread) {

    public CallRecord {
        args = args == null || args.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
    }

    /** This record, made on thread {@code number}. */
    public CallRecord onThread(int number) {
        return new CallRecord(api, target, args, hresult, hresultValue, durationMicros, result, number);
    }

    /** The thread as a trace numbers it: {@link #thread()}, or 1 (the trace format's default) when not known. */
    public int traceThread() {
        return thread > 0 ? thread : 1;
    }

    /** True when the HRESULT is a failure. */
    public boolean failed() {
        return hresultValue < 0;
    }

    /** {@code IMsgStore::Unadvise(connection=0x3) -> S_OK} style one-liner. */
    public String describe() {
        StringBuilder sb = new StringBuilder(api).append('(');
        boolean first = true;
        for (Map.Entry<String, String> e : args.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        sb.append(')');
        if (target != null) {
            sb.append(" on ").append(target);
        }
        sb.append(" -> ").append(hresult);
        if (result != null) {
            sb.append(" [").append(result).append(']');
        }
        return sb.toString();
    }

    /**
     * {@link #describe()} with the HRESULT's value beside its name, as the window shows calls:
     * {@code IMAPISession::Logoff(...) on session -> MAPI_E_CALL_FAILED (0x80004005)} (values:
     * {@link dev.mapiworkbench.mapi.HResult}, mapi-reference.md).
     */
    public String display() {
        String hex = String.format("0x%08X", hresultValue);
        String plain = describe();
        String marker = " -> " + hresult;
        int at = plain.lastIndexOf(marker);
        if (hresult == null || at < 0 || hresult.equals(hex)) {
            return plain;
        }
        int end = at + marker.length();
        return plain.substring(0, end) + " (" + hex + ")" + plain.substring(end);
    }
}
