package dev.mapiworkbench.ui;

import dev.mapiworkbench.app.Workbench;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The real window on a temporary profile, for the History, Peers and report tests: {@link #open} builds and
 * shows it and waits for the logon; it is closed after each test ({@link WorkbenchFixture} does both).
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTest {

    static final long TIMEOUT = 30;

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    /** This test's profile folder (the fixture's). */
    Path profile;

    Workbench wb;

    @BeforeEach
    void profile() {
        profile = app.profile();
    }

    /** Opens the window on {@link #profile} with no transport latency and {@code extra} options; waits for logon. */
    void open(DialogFactory dialogs, String... extra) throws Exception {
        app.dialogs(dialogs::create);
        wb = app.open(extra);
    }

    void open(String... extra) throws Exception {
        open(FxDialogService::new, extra);
    }

    /** Makes the window's dialog service from its owner. */
    interface DialogFactory {
        DialogService create(java.util.function.Supplier<javafx.stage.Window> owner);
    }
}
