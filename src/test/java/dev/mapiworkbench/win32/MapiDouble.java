package dev.mapiworkbench.win32;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The native MAPI test double (src/test/native/mapidouble.c), built by the Maven build into
 * {@code jna.library.path}: its test hooks and its call log, parsed.
 */
final class MapiDouble {

    /** The double's test hooks (the MAPI exports are bound by the backend itself). */
    interface Hooks extends Library {
        void dbl_reset();

        int dbl_log_count();

        int dbl_log_line(int index, byte[] buffer, int capacity);

        int dbl_outstanding_buffers();

        NativeLong dbl_current_thread();

        int dbl_init_count();

        int dbl_notify_critical_error(long connection, int scode);

        int dbl_notify_table_row_added(long connection);

        int dbl_notify_batch(long connection);

        void dbl_set_query_fast_shutdown(int hresult);

        int dbl_lock_outbox_message(int index, int locked);
    }

    /** One recorded call: thread, interface ("MAPI32"/"ole32" for exports), slot (-1 for exports), method, object, arguments. */
    @SuppressWarnings("ArrayRecordComponent") // a log line of the test double, never compared
    record Call(long tid, String iface, int slot, String method, long obj, long[] args, String text) {
        String name() {
            return iface + "::" + method;
        }

        long arg(int i) {
            return args[i];
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(name());
            if (slot >= 0) {
                b.append('#').append(slot).append(" obj=0x").append(Long.toHexString(obj));
            }
            b.append(' ');
            b.append(Arrays.stream(args)
                    .mapToObj(a -> "0x" + Long.toHexString(a))
                    .toList());
            if (!text.isEmpty()) {
                b.append(" \"").append(text).append('"');
            }
            return b.toString();
        }
    }

    private final Hooks hooks;
    private final Path path;

    private MapiDouble(Path path) {
        this.path = path;
        this.hooks = Native.load(path.toString(), Hooks.class);
    }

    /** The built double, or a skipped test (with the build's reason) when it was not built. */
    static MapiDouble loadOrSkip() {
        String dir = System.getProperty("jna.library.path");
        Assumptions.assumeTrue(
                dir != null && !dir.isBlank(),
                "jna.library.path is not set: run the tests through Maven, which builds the native MAPI test double");
        Path lib = Path.of(dir, "libmapidouble.so");
        if (!Files.isRegularFile(lib)) {
            Path skipped = Path.of(dir, "mapidouble.skipped");
            String reason = "native MAPI test double not built (" + lib + " missing)";
            try {
                if (Files.isRegularFile(skipped)) {
                    reason = Files.readString(skipped, StandardCharsets.UTF_8).trim();
                }
            } catch (IOException e) {
                reason += "; " + e.getMessage();
            }
            Assumptions.abort("Skipping the win32 contract tests: " + reason);
        }
        return new MapiDouble(lib);
    }

    Path path() {
        return path;
    }

    void reset() {
        hooks.dbl_reset();
    }

    int logCount() {
        return hooks.dbl_log_count();
    }

    List<Call> log() {
        return log(0);
    }

    /** The calls recorded from index {@code from} on. */
    List<Call> log(int from) {
        int n = hooks.dbl_log_count();
        List<Call> calls = new ArrayList<>();
        byte[] buf = new byte[1024];
        for (int i = from; i < n; i++) {
            int len = hooks.dbl_log_line(i, buf, buf.length);
            calls.add(parse(new String(buf, 0, Math.min(len, buf.length - 1), StandardCharsets.UTF_8)));
        }
        return calls;
    }

    private static Call parse(String line) {
        String[] f = line.split("\\|", 7);
        long[] args = f[5].isEmpty()
                ? new long[0]
                : Arrays.stream(f[5].split(","))
                        .mapToLong(s -> Long.parseUnsignedLong(s, 16))
                        .toArray();
        return new Call(
                Long.parseLong(f[0]),
                f[1],
                Integer.parseInt(f[2]),
                f[3],
                Long.parseUnsignedLong(f[4], 16),
                args,
                f.length > 6 ? f[6] : "");
    }

    int outstandingBuffers() {
        return hooks.dbl_outstanding_buffers();
    }

    long currentThread() {
        return hooks.dbl_current_thread().longValue();
    }

    int initCount() {
        return hooks.dbl_init_count();
    }

    int notifyCriticalError(long connection, int scode) {
        return hooks.dbl_notify_critical_error(connection, scode);
    }

    int notifyTableRowAdded(long connection) {
        return hooks.dbl_notify_table_row_added(connection);
    }

    int notifyBatch(long connection) {
        return hooks.dbl_notify_batch(connection);
    }

    /** What IMAPIClientShutdown::QueryFastShutdown returns from now on (reset: S_OK). */
    void setQueryFastShutdown(int hresult) {
        hooks.dbl_set_query_fast_shutdown(hresult);
    }

    /** Sets or clears SUBMITFLAG_LOCKED on the index-th Outbox message, as the spooler does while sending it. */
    boolean lockOutboxMessage(int index, boolean locked) {
        return hooks.dbl_lock_outbox_message(index, locked ? 1 : 0) != 0;
    }
}
