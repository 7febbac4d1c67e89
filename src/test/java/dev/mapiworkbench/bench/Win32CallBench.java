package dev.mapiworkbench.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.win32.Win32Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * What one win32 MAPI call costs on the caller's side, against the native test double: a COM call
 * through the backend (hop to the dedicated MAPI thread + JNA vtable call) versus a plain JNA call
 * of an export on the caller's own thread. Needs {@code mvn test-compile} first (builds the double).
 * Prints the median and min of 15 rounds, in microseconds per call.
 */
public final class Win32CallBench {

    interface Hooks extends Library {
        int dbl_init_count();

        void dbl_reset();
    }

    private Win32CallBench() {}

    public static void main(String[] args) {
        Path lib = Path.of(args.length > 0 ? args[0] : "target/native/libmapidouble.so")
                .toAbsolutePath();
        if (!Files.isRegularFile(lib)) {
            System.err.println("no test double at " + lib + ": run mvn test-compile first");
            System.exit(2);
        }
        Hooks hooks = Native.load(lib.toString(), Hooks.class);
        hooks.dbl_reset();
        MapiRuntime rt = new Win32Backend()
                .open(new BackendOptions(
                        Path.of("."),
                        "Bench",
                        TransportSettings.instant(),
                        Map.of(Win32Backend.LIBRARY_KEY, lib.toString())));
        rt.mapiInitialize(MapiInit.multithreaded());
        MapiSession session = rt.mapiLogonEx(0, "Bench", null, MapiFlags.MAPI_EXTENDED);
        MapiTable table = session.getStatusTable(0);
        int calls = 20_000;
        int rounds = 15;
        double[] hop = new double[rounds];
        double[] direct = new double[rounds];
        for (int warm = 0; warm < 3; warm++) {
            time(() -> table.getRowCount(0), calls);
            time(hooks::dbl_init_count, calls);
        }
        for (int r = 0; r < rounds; r++) {
            hop[r] = time(() -> table.getRowCount(0), calls);
            direct[r] = time(hooks::dbl_init_count, calls);
        }
        table.release();
        session.logoff(0, 0, 0);
        session.release();
        rt.mapiUninitialize();
        System.out.printf(
                "IMAPITable::GetRowCount via the backend (MAPI-thread hop + vtable call): median %.2f us, min %.2f us%n",
                median(hop), Arrays.stream(hop).min().orElse(0));
        System.out.printf(
                "plain JNA export call on the caller's thread:                          median %.2f us, min %.2f us%n",
                median(direct), Arrays.stream(direct).min().orElse(0));
        System.exit(0);
    }

    private static double time(Runnable call, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.run();
        }
        return (System.nanoTime() - t0) / 1000.0 / n;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
