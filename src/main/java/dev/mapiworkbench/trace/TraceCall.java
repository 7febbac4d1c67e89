package dev.mapiworkbench.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of a {@code mapi-workbench/trace/v1} trace (docs/trace.md).
 *
 * @param seq       the call's number (the line order when the trace gave none)
 * @param thread    the calling thread's number (default 1)
 * @param api       a function ({@code MAPIInitialize}) or {@code Interface::Method}
 * @param self      the handle of the object called ({@code obj:1}), or null for functions
 * @param args      named arguments as read (strings, numbers, booleans, nested maps), in order
 * @param out       what the call handed back: {@code obj:<n>}, {@code buf:<n>}, connection numbers
 * @param hr        the HRESULT (default S_OK)
 * @param ret       AddRef/Release's returned count, or null
 * @param line      the line of the file it was read from (0 when it was not read from a file)
 * @param step      the documented teardown step the call belongs to, when the trace says so (own runs), or null
 * @param synthetic true when the call states what the client already held when the trace starts
 *                  (a trace that begins in the middle of a session), not a call it made
 * @param labels    display names for handles ({@code obj:2 -> IMsgStore 'Mailbox - demo'})
 */
public record TraceCall(
        long seq,
        int thread,
        String api,
        String self,
        Map<String, Object> args,
        Map<String, Object> out,
        int hr,
        Integer ret,
        int line,
        String step,
        boolean synthetic,
        Map<String, String> labels) {

    public TraceCall {
        args = copy(args);
        out = copy(out);
        labels = labels == null || labels.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** A call with only an API, a target and an HRESULT (tests and adapters). */
    public static TraceCall of(long seq, String api, String self, int hr) {
        return new TraceCall(seq, 1, api, self, Map.of(), Map.of(), hr, null, 0, null, false, Map.of());
    }

    /** The interface part of {@code IMsgStore::StoreLogoff}, or null for a function. */
    public String iface() {
        int i = api.indexOf("::");
        return i < 0 ? null : api.substring(0, i);
    }

    /** The method part of {@code IMsgStore::StoreLogoff}, or the function's name. */
    public String method() {
        int i = api.indexOf("::");
        return i < 0 ? api : api.substring(i + 2);
    }

    /** True for {@code Interface::Method} calls. */
    public boolean isMethod() {
        return api.contains("::");
    }

    /** FAILED(hr). */
    public boolean failed() {
        return hr < 0;
    }

    /** An argument as a flag word (numbers or names joined with |); 0 when absent. */
    public int flagArg(String name) {
        Object v = args.get(name);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof Map<?, ?> m && m.get("ulFlags") != null) {
            Object f = m.get("ulFlags");
            return f instanceof Number n ? n.intValue() : MapiNames.parseFlags(String.valueOf(f));
        }
        try {
            return MapiNames.parseFlags(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** The display name of a handle: its label when the trace gave one, else the handle itself. */
    public String label(String handle) {
        return labels.getOrDefault(handle, handle);
    }
}
