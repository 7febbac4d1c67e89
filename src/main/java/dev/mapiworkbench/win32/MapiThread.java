package dev.mapiworkbench.win32;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one thread that calls MAPIInitialize and every other MAPI function of a runtime (MAPI's
 * threading rules, mapi-reference.md section 1.1 and 5.3-7). Callers block on a future; a call made
 * on the MAPI thread itself (e.g. from a callback) runs inline. Decision record 0050.
 */
final class MapiThread implements AutoCloseable {

    private final ExecutorService executor;
    private volatile Thread thread;

    MapiThread(String name) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    boolean isMapiThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code work} on the MAPI thread and returns its result; MAPI failures propagate as thrown. */
    <T> T call(String api, Callable<T> work) {
        if (isMapiThread()) {
            return runInline(api, work);
        }
        Future<T> future;
        try {
            future = executor.submit(work);
        } catch (RejectedExecutionException e) {
            throw new MapiException(HResult.MAPI_E_NOT_INITIALIZED, api, "the MAPI thread of this runtime has ended");
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new MapiException(HResult.MAPI_E_CALL_FAILED, api, String.valueOf(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MapiException(HResult.MAPI_E_CALL_FAILED, api, "interrupted while waiting for the MAPI thread");
        }
    }

    private static <T> T runInline(String api, Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MapiException(HResult.MAPI_E_CALL_FAILED, api, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
