package dev.mapiworkbench.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * File › Open scenario…, Open recent and Built-in scenarios (issue #13 item 1, decision 0311). A scenario is
 * read first (a bad file is one error naming the file, the line and the field, and changes nothing); in a
 * window that is logged on the person is asked, then the session is logged off the usual way (the logoff
 * dialog when "Ask before logging off" is on); once it is logged off the scenario's logon options,
 * transport and faults are put in force and the window logs on again, then queues the scenario's mail. A
 * cancelled logoff keeps the session and opens nothing. FX thread only.
 */
public final class ScenarioViewModel {

    private final MainViewModel main;
    private final BackgroundExecutor executor;
    private final DialogService dialogs;
    private final ScenarioGateway gateway;
    private final RecentScenarios recent;
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper(this, "current", "");

    /** Read and confirmed, waiting for the running teardown to end. */
    private ScenarioGateway.Opened afterTeardown;
    /** The teardown ended; waiting for the window to see the session logged off. */
    private ScenarioGateway.Opened afterLoggedOff;
    /** Put in force, waiting for the logon to finish. */
    private ScenarioGateway.Opened afterLogon;

    /** Made by {@link MainViewModel#scenarios}: the executor and dialogs are the window's ({@code context}). */
    ScenarioViewModel(MainViewModel main, ViewModelContext context, ScenarioGateway gateway, RecentScenarios recent) {
        this.main = main;
        this.executor = context.executor();
        this.dialogs = context.dialogs();
        this.gateway = gateway;
        this.recent = recent;
        main.tearingDownProperty().addListener((o, was, now) -> {
            if (!now) {
                teardownEnded();
            }
        });
        main.loggedOnProperty().addListener((o, was, now) -> {
            if (now) {
                loggedOn();
            } else {
                loggedOff();
            }
        });
    }

    /** The scenario in force ("name — purpose"), or empty. */
    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The scenario the window was started with ({@code --scenario}). */
    public void started(String name, String purpose) {
        current.set(name + (purpose == null ? "" : " — " + purpose));
    }

    /**
     * The scenario the window was started with ({@code --scenario}): its logon part is in force already, its
     * starting state (mail, peers) follows the first logon, as after File › Open scenario….
     */
    public void started(ScenarioGateway.Opened s) {
        started(s.name(), s.purpose());
        if (s.logoffDefaults() != null) { // a shared scenario's MAPI_LOGOFF_SHARED (decision 0710)
            main.logoffDefaultsProperty().set(s.logoffDefaults());
        }
        afterLogon = s;
    }

    /** True while nothing may be opened: a logon or a teardown is running. */
    public BooleanBinding unavailable() {
        return main.busyProperty().or(main.tearingDownProperty());
    }

    public RecentScenarios recent() {
        return recent;
    }

    public ScenarioGateway gateway() {
        return gateway;
    }

    /** File › Open scenario…: the file chooser, then {@link #open(String)}. */
    public void chooseAndOpen() {
        Optional<Path> file = dialogs.chooseScenarioFile();
        file.ifPresent(f -> open(f.toString()));
    }

    /** Opens a scenario file or {@code builtin:NAME}. */
    public void open(String source) {
        if (unavailable().get()) {
            return;
        }
        executor.submit("read scenario", () -> gateway.read(source), this::read, error -> {
            main.note("Scenario not opened: " + error.getMessage());
            dialogs.showError("Cannot open the scenario: " + error.getMessage(), error);
        });
    }

    private void read(ScenarioGateway.Opened s) {
        recent.add(s.source());
        open(s);
    }

    /**
     * Opens what was read elsewhere (File › Replay…): asked, logged off, put in force and logged on as
     * {@link #open(String)} does after its read; not added to the recent list.
     */
    public void open(ScenarioGateway.Opened s) {
        if (unavailable().get()) {
            return;
        }
        if (!main.loggedOnProperty().get()) {
            putInForce(s);
            return;
        }
        boolean go = dialogs.confirm(
                "Open scenario",
                "Log off and open scenario '" + s.name() + "'?",
                (s.purpose() == null ? "" : s.purpose() + "\n\n")
                        + "The session is logged off first, the usual way; then the window logs on again with the"
                        + " scenario's logon options, transport and faults.",
                "Log off and open");
        if (!go) {
            main.note("Scenario '" + s.name() + "' not opened: the session stays logged on");
            return;
        }
        afterTeardown = s;
        main.requestLogoff();
        if (!main.tearingDownProperty().get() && main.loggedOnProperty().get()) {
            afterTeardown = null; // the logoff dialog was cancelled
            main.note("Scenario '" + s.name() + "' not opened: the logoff was cancelled");
        }
    }

    private void teardownEnded() {
        ScenarioGateway.Opened s = afterTeardown;
        if (s == null) {
            return;
        }
        afterTeardown = null;
        // the window hears "logged off" from a later snapshot: ask the session itself
        executor.submit(
                "scenario logoff",
                gateway::sessionOpen,
                open -> {
                    if (open) {
                        main.note("Scenario '" + s.name() + "' not opened: the logoff was cancelled");
                    } else if (main.loggedOnProperty().get()) {
                        afterLoggedOff = s;
                    } else {
                        putInForce(s);
                    }
                },
                error -> dialogs.showError("Cannot open the scenario: " + error.getMessage(), error));
    }

    private void loggedOff() {
        ScenarioGateway.Opened s = afterLoggedOff;
        afterLoggedOff = null;
        if (s != null) {
            putInForce(s);
        }
    }

    private void putInForce(ScenarioGateway.Opened s) {
        executor.submit(
                "apply scenario",
                () -> {
                    s.beforeLogon().run();
                    return s;
                },
                done -> {
                    started(s.name(), s.purpose());
                    if (s.logoffDefaults() != null) {
                        main.logoffDefaultsProperty().set(s.logoffDefaults());
                    }
                    main.note("Scenario '" + s.name() + "' opened from " + s.source()
                            + (s.watchFor() == null ? "" : "; watch for: " + s.watchFor()));
                    afterLogon = s;
                    main.logon();
                },
                error -> dialogs.showError("Cannot put the scenario in force: " + error.getMessage(), error));
    }

    private void loggedOn() {
        ScenarioGateway.Opened s = afterLogon;
        if (s == null) {
            return;
        }
        afterLogon = null;
        executor.submit(
                "scenario start",
                () -> {
                    s.afterLogon().run();
                    return null;
                },
                ignored -> {},
                error -> dialogs.showError("The scenario's starting state failed: " + error.getMessage(), error));
    }
}
