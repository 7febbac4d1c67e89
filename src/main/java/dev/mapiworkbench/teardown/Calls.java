package dev.mapiworkbench.teardown;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes one MAPI call, timing it and turning its outcome into a {@link CallRecord}. */
final class Calls {

    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

    private Calls() {}

    /** Runs {@code call}; its return value (may be null) becomes the record's {@code result}. */
    static CallRecord invoke(String api, String target, Map<String, String> args, Supplier<Object> call) {
        long t0 = System.nanoTime();
        HResult hr = HResult.S_OK;
        Object result = null;
        try {
            result = call.get();
            if (result instanceof HResult h) {
                hr = h;
                result = null;
            }
        } catch (MapiException e) {
            hr = e.hresult() == null ? HResult.MAPI_E_CALL_FAILED : e.hresult();
            result = e.getMessage();
        } catch (RuntimeException e) {
            LOG.warn("{} threw unexpectedly", api, e);
            hr = HResult.MAPI_E_CALL_FAILED;
            result = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        long micros = (System.nanoTime() - t0) / 1000;
        return new CallRecord(
                api,
                target,
                args,
                hr.name(),
                hr.value(),
                micros,
                result == null ? null : String.valueOf(result),
                0); // the teardown stamps the session's MAPI thread (CallRecord#onThread)
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
    }
}
