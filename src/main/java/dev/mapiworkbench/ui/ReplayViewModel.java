package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TranscriptHistory;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;

/**
 * File › Replay… (issue #13 item 4): a transcript is read (a bad one is one error naming the file, the line and
 * the field, and changes nothing); its run's set-up is put in force the way File › Open scenario… puts a scenario
 * in force (asked, logged off, logged on again with the recorded logon options, transport, rules and faults, the
 * recorded number of messages queued); then the recorded logoff runs in the teardown panel, and once its run is
 * saved it is compared with the recording: the panel's note says whether the replay took the same steps, calls
 * and HRESULTs, and lists the differences. While the replayed logoff runs, the provider's questions are answered
 * with the recording's answers by themselves ({@link ProviderQuestions#fromTranscript}). FX thread only.
 *
 * <p>The window's {@code --replay FILE} is {@link #replayAtStart}: the same, as the window's first logon.
 */
public final class ReplayViewModel {

    /** How many differences the panel's note lists; the log has them all. */
    static final int NOTE_LINES = 8;

    private final MainViewModel main;
    private final ScenarioViewModel scenarios;
    private final BackgroundExecutor executor;
    private final DialogService dialogs;
    private final ReplayGateway gateway;
    private final UiThread uiThread;
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");

    /** The replay whose teardown runs; compared when its run is saved. */
    private ReplayGateway.Prepared running;
    /** When it started: a run saved later that started before (the logoff that made way for it) is not it. */
    private Instant runningSince = Instant.MAX;
    /** True while the replay's recorded answers answer the provider's questions. */
    private boolean answering;

    public ReplayViewModel(
            MainViewModel main,
            ScenarioViewModel scenarios,
            BackgroundExecutor executor,
            DialogService dialogs,
            ReplayGateway gateway,
            UiThread uiThread) {
        this.main = main;
        this.scenarios = scenarios;
        this.executor = executor;
        this.dialogs = dialogs;
        this.gateway = gateway;
        this.uiThread = uiThread;
        main.history().entries().addListener((ListChangeListener<TranscriptHistory.Entry>) c -> {
            while (c.next()) {
                if (c.wasAdded()
                        && c.getFrom() == 0
                        && running != null
                        && ours(c.getAddedSubList().get(0))) {
                    saved(c.getAddedSubList().get(0).file());
                }
            }
        });
        main.tearingDownProperty().addListener((o, was, now) -> {
            if (!now) {
                stopAnswering();
            }
        });
    }

    /** True while nothing may be replayed: a logon or a teardown is running. */
    public BooleanBinding unavailable() {
        return scenarios.unavailable();
    }

    /** The last replay's verdict ("… the same steps, calls and HRESULTs …" or its differences), or empty. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** File › Replay…: the file chooser, then {@link #replay(Path)}. */
    public void chooseAndReplay() {
        dialogs.chooseTranscriptToReplay().ifPresent(this::replay);
    }

    /** Replays the run {@code file} recorded. */
    public void replay(Path file) {
        if (unavailable().get()) {
            return;
        }
        read(file, () -> {});
    }

    /**
     * The window's {@code --replay FILE}: called before the first logon, which the replay makes with the recorded
     * set-up. A transcript that cannot be replayed is the same error as File › Replay… gives; then {@code refused}
     * runs (the window logs on as it would have without the option).
     */
    public void replayAtStart(Path file, Runnable refused) {
        read(file, refused);
    }

    private void read(Path file, Runnable refused) {
        executor.submit("read transcript", () -> gateway.read(file), this::read, error -> {
            main.note("Replay not started: " + error.getMessage());
            refused.run();
            dialogs.showError("Cannot replay the transcript: " + error.getMessage(), error);
        });
    }

    private void read(ReplayGateway.Prepared p) {
        ScenarioGateway.Opened s = p.setup();
        main.note("Replaying " + p.file() + ": " + p.summary());
        p.notes().forEach(main::note);
        // once the recorded state is in place (mail queued, peers joined), the recorded logoff runs
        scenarios.open(new ScenarioGateway.Opened(
                s.source(), s.name(), s.purpose(), s.watchFor(), s.logoffDefaults(), s.beforeLogon(), () -> {
                    s.afterLogon().run();
                    uiThread.runLater(() -> start(p));
                }));
    }

    private void start(ReplayGateway.Prepared p) {
        if (!main.loggedOnProperty().get() || main.tearingDownProperty().get()) {
            main.note("Replay of " + p.file() + " not run: the session is not logged on");
            return;
        }
        running = p;
        runningSince = Instant.now();
        verdict.set("");
        // the provider's questions get the recorded answers, as --answer gives them on the command line
        answering = true;
        gateway.setProviderUi(ProviderQuestions.fromTranscript(
                uiThread, dialogs, p.answers(), line -> uiThread.runLater(() -> main.note("Replay: " + line))));
        main.startTeardown(p.request());
        if (!main.tearingDownProperty().get()) {
            stopAnswering(); // the teardown did not start
        }
        TeardownViewModel panel = main.teardown();
        panel.headingProperty()
                .set("Replay of " + p.file().getFileName() + " — "
                        + panel.headingProperty().get());
        note(panel, p, "Replay of " + p.file() + ": it is compared with the recording when the run ends.");
    }

    /** The window's dialog answers the provider's questions again. */
    private void stopAnswering() {
        if (answering) {
            answering = false;
            gateway.setProviderUi(new ProviderQuestions(uiThread, dialogs));
        }
    }

    private boolean ours(TranscriptHistory.Entry e) {
        try {
            return !Instant.parse(e.startedAt()).isBefore(runningSince);
        } catch (RuntimeException unreadable) {
            return false; // a row that could not be read is no run of ours
        }
    }

    private void saved(Path replayed) {
        ReplayGateway.Prepared p = running;
        running = null;
        executor.submit("compare replay", () -> p.compare().apply(replayed), d -> compared(p, d), error -> {
            main.note("The replay could not be compared: " + error.getMessage());
            note(main.teardown(), p, "Replay of " + p.file() + ": not compared: " + error.getMessage());
        });
    }

    private void compared(ReplayGateway.Prepared p, List<String> differences) {
        String name = p.file().getFileName().toString();
        StringBuilder sb = new StringBuilder();
        if (differences.isEmpty()) {
            sb.append("Replay of ")
                    .append(name)
                    .append(": reproduced — the same steps, calls and HRESULTs as the recording.");
            main.note("Replay: the same steps, calls and HRESULTs as " + p.file());
        } else {
            sb.append("Replay of ")
                    .append(name)
                    .append(": not reproduced — ")
                    .append(differences.size())
                    .append(" difference(s) from the recording:");
            main.note("Replay: " + differences.size() + " difference(s) from " + p.file() + ":");
            for (int i = 0; i < differences.size(); i++) {
                main.note("  " + differences.get(i));
                if (i < NOTE_LINES) {
                    sb.append("\n  ").append(differences.get(i));
                }
            }
            if (differences.size() > NOTE_LINES) {
                sb.append("\n  … and ")
                        .append(differences.size() - NOTE_LINES)
                        .append(" more (the log lists them all)");
            }
        }
        verdict.set(sb.toString());
        note(main.teardown(), p, sb.toString());
    }

    /** The panel's note under the heading: the replay's line first, then the plan's own note (the CE plan's). */
    private static void note(TeardownViewModel panel, ReplayGateway.Prepared p, String line) {
        panel.planNoteProperty().set(line + (p.request().plan() == Plan.CE ? "\n" + TeardownViewModel.CE_LEAKS : ""));
    }
}
