package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.TeardownRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * The dialogs {@link WorkbenchFixture} gives the window: the real ones, except the file chooser (which
 * answers {@link #exportTo}), counting the logoff dialogs shown and recording the error headlines.
 */
public class FixtureDialogs extends FxDialogService {
    /** How many logoff dialogs were shown. */
    public final AtomicInteger logoffDialogs = new AtomicInteger();
    /** The headlines of the errors shown. */
    public final List<String> errors = new CopyOnWriteArrayList<>();
    /** What the transcript file chooser answers (null: the person cancels it). */
    public volatile Path exportTo;

    public FixtureDialogs(Supplier<Window> owner) {
        super(owner);
    }

    @Override
    public Optional<TeardownRequest> askLogoff(LogoffDialogViewModel model) {
        logoffDialogs.incrementAndGet();
        return super.askLogoff(model);
    }

    @Override
    public Optional<Path> chooseTranscriptFile(String suggestedName) {
        return Optional.ofNullable(exportTo);
    }

    @Override
    public void showError(String headline, Throwable error) {
        errors.add(headline);
        super.showError(headline, error);
    }
}
