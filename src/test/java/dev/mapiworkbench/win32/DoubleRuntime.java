package dev.mapiworkbench.win32;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The win32 contract tests' shared set-up (register it with {@code @RegisterExtension}): before each test the
 * native MAPI test double (skipped when it was not built) is reset and a {@link Win32Runtime} over it is opened
 * and initialised with {@code MAPIInitialize(NULL)}; after each test every initialisation is undone and the
 * runtime closed.
 */
final class DoubleRuntime implements BeforeEachCallback, AfterEachCallback {

    private MapiDouble dbl;
    private Win32Runtime rt;

    @Override
    public void beforeEach(ExtensionContext context) {
        dbl = MapiDouble.loadOrSkip();
        dbl.reset();
        rt = Win32TeardownContractTest.openRuntime(dbl.path());
        rt.mapiInitialize(null);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (rt != null) {
            while (rt.initialized()) {
                rt.mapiUninitialize();
            }
            rt.close();
            rt = null;
        }
    }

    /** The native double of this test. */
    MapiDouble dbl() {
        return dbl;
    }

    /** The runtime over the double, MAPI initialised. */
    Win32Runtime rt() {
        return rt;
    }

    /** MAPILogonEx to the double's "Demo" profile (extended, explicit profile). */
    MapiSession logOn() {
        return rt.mapiLogonEx(0, "Demo", null, MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_EXPLICIT_PROFILE);
    }

    /**
     * Logs on, hands the session's status table to {@code test}, then releases the table and logs off and
     * releases the session.
     */
    void withStatusTable(Consumer<MapiTable> test) {
        MapiSession session = logOn();
        MapiTable table = session.getStatusTable(0);
        test.accept(table);
        table.release();
        session.logoff(0, 0, 0);
        session.release();
    }
}
