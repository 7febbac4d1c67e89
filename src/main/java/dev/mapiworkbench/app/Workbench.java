package dev.mapiworkbench.app;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.ClientSessions;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.ui.DialogService;
import dev.mapiworkbench.ui.FxDialogService;
import dev.mapiworkbench.ui.FxEventPump;
import dev.mapiworkbench.ui.MainView;
import dev.mapiworkbench.ui.MainViewModel;
import dev.mapiworkbench.ui.RecentScenarios;
import dev.mapiworkbench.ui.ScenarioMenu;
import dev.mapiworkbench.ui.ScenarioViewModel;
import dev.mapiworkbench.ui.ThreadBackgroundExecutor;
import dev.mapiworkbench.ui.UiThread;
import dev.mapiworkbench.ui.trace.TraceActions;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Wires one window: client session (backend and profile from the options), teardown engine,
 * gateway, view model, view, stage. {@link WorkbenchApp} uses it; so do the TestFX tests (with
 * their own {@link DialogService} that bypasses the file chooser).
 */
public final class Workbench implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Workbench.class);

    private final ClientGateway gateway;
    private final MainViewModel model;
    private final MainView view;
    private final ThreadBackgroundExecutor executor;
    private final Stage stage;
    private final GuiOptions options;
    private final TraceActions traces;
    private final ScenarioViewModel scenarios;
    private Workbench replacement;
    /** The empty tables and trees drawn without their skins until {@link #afterFirstFrame()}; null after it. */
    private FirstFrameSkins firstFrameSkins;

    private boolean closed;

    private Workbench(
            Stage stage,
            GuiOptions options,
            ClientGateway gateway,
            MainViewModel model,
            MainView view,
            ThreadBackgroundExecutor executor,
            TraceActions traces,
            ScenarioViewModel scenarios) {
        this.scenarios = scenarios;
        this.stage = stage;
        this.traces = traces;
        this.options = options;
        this.gateway = gateway;
        this.model = model;
        this.view = view;
        this.executor = executor;
    }

    /**
     * Builds the window on {@code stage} (not shown yet) and starts the logon at once unless
     * {@code --no-logon}. {@code onExit} runs when the person exits (after the teardown when a
     * session was open).
     */
    public static Workbench create(
            Stage stage, GuiOptions options, Function<Supplier<Window>, DialogService> dialogFactory, Runnable onExit) {
        Workbench wb = createWithoutLogon(stage, options, dialogFactory, onExit);
        wb.afterFirstFrame();
        wb.logonUnlessDisabled();
        return wb;
    }

    /**
     * Builds the window on {@code stage} (not shown yet) without starting the logon: the app calls
     * {@link #afterFirstFrame()} and {@link #logonUnlessDisabled()} once the first frame is up, so that
     * neither competes with building and laying out the first frame for the two cores (decisions 0064, 0520).
     */
    public static Workbench createWithoutLogon(
            Stage stage, GuiOptions options, Function<Supplier<Window>, DialogService> dialogFactory, Runnable onExit) {
        return createWithoutLogon(stage, options, openClient(options), dialogFactory, onExit);
    }

    /**
     * The same on a client session already opened by {@link #openClient(GuiOptions)} (the app opens
     * it on a background thread while the JavaFX toolkit starts, decision 0065).
     */
    public static Workbench createWithoutLogon(
            Stage stage,
            GuiOptions options,
            ClientSession client,
            Function<Supplier<Window>, DialogService> dialogFactory,
            Runnable onExit) {
        // the FX thread never waits for a session's MAPI thread: such a call fails at once (decision 0450)
        dev.mapiworkbench.mapi.MapiCallThread.setMustNotWait(t -> javafx.application.Platform.isFxApplicationThread());
        ClientGateway gateway = new ClientGateway(
                client,
                new TeardownEngine(),
                options.common().logonOptions(),
                Workbench::addSimulatedPeer,
                options.profileDir().resolve("history"));
        gateway.setScenario(options.scenario());
        ThreadBackgroundExecutor executor = new ThreadBackgroundExecutor(UiThread.fx());
        DialogService dialogs = dialogFactory.apply(() -> stage);
        MainViewModel model =
                new MainViewModel(gateway, executor, dialogs, UiThread.fx(), new FxEventPump(UiThread.fx()));
        model.allowUiPreferenceProperty().set(!options.noLogoffUi());
        model.logoffDefaultsProperty().set(options.logoffDefaults());
        model.onExitProperty().set(onExit);
        model.aboutProperty().set(AppInfo.about(gateway.backendName(), options.profileDir()));
        // the Notes tab's test session: <profile>/sessions, the last one continued (read in the background)
        model.notes()
                .attach(dev.mapiworkbench.app.report.TestSession.inProfile(
                        options.profileDir().resolve("sessions"), java.time.Clock.systemUTC()));
        StartupPhases.PROCESS.mark("model");
        MainView view = new MainView(model);
        StartupPhases.PROCESS.mark("view");
        view.setDarkTheme(options.dark());
        // File › Open trace…, Paste C++…, and files dropped on the window (decision 0330)
        TraceActions traces = new TraceActions(
                new TraceService(dev.mapiworkbench.teardown.RuleCatalogue.Profile.OUTLOOK_2010),
                executor,
                dialogs,
                () -> stage);
        view.addFileMenuItems(traces.menuItems());
        WindowScenarios windowScenarios = new WindowScenarios(gateway, options.logoffDefaults());
        ScenarioViewModel scenarios = model.scenarios(windowScenarios, RecentScenarios.inMemory());
        if (options.scenario() != null) { // its mail and peers follow the first logon, as File › Open scenario…
            scenarios.started(windowScenarios.started(options.scenario(), options.common()));
        }
        ScenarioMenu.install(view.root(), scenarios);
        // File › Replay…: a transcript's run again, in this window (issue #13 item 4); --replay FILE at start
        WindowReplays.install(view.root(), options, model, scenarios, executor, dialogs, gateway, windowScenarios);
        StartupPhases.PROCESS.mark("menus");
        stage.setTitle("MAPI Logoff Workbench");
        stage.setScene(new Scene(view.root(), WindowState.DEFAULT_WIDTH, WindowState.DEFAULT_HEIGHT));
        StartupPhases.PROCESS.mark("scene");
        // explicit stage bounds: under a window manager the scene's size alone gave 200×200 (decision 0100)
        WindowState.defaults().applyTo(stage);
        traces.installDrop(stage.getScene());
        // Alt+letter in this window and in every dialog it opens: one installer for JavaFX's mnemonic faults (0800)
        dev.mapiworkbench.ui.Mnemonics.installOnEveryWindow();
        dev.mapiworkbench.ui.Mnemonics.install(stage);
        stage.setOnCloseRequest(e -> {
            if (model.loggedOnProperty().get() || model.tearingDownProperty().get()) {
                e.consume();
                model.requestExit();
            }
        });
        Workbench wb = new Workbench(stage, options, gateway, model, view, executor, traces, scenarios);
        // the empty tables and trees get their skins after the first frame (decision 0720)
        wb.firstFrameSkins = FirstFrameSkins.deferEmpty(view.root());
        // the profile is in use: the dialog's "Log on to that profile" opens this window on the one chosen
        model.switchProfileProperty().set(profile -> wb.reopenOn(profile, dialogFactory, onExit));
        return wb;
    }

    /**
     * Opens the window again on {@code profile} (the profile-in-use dialog, decision 0120): a new workbench on
     * the same stage, at the same place and size, that logs on at once; this one is closed. {@link #close()}
     * closes the new one too, so whoever holds this workbench ends both.
     */
    private void reopenOn(
            java.nio.file.Path profile, Function<Supplier<Window>, DialogService> dialogFactory, Runnable onExit) {
        double[] bounds = {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()};
        options.common().useProfile(profile);
        Workbench next = createWithoutLogon(stage, options, dialogFactory, onExit);
        stage.setX(bounds[0]);
        stage.setY(bounds[1]);
        stage.setWidth(bounds[2]);
        stage.setHeight(bounds[3]);
        // and the same splits: the positions this view wants (remembered or dragged), not the new view's defaults
        view.splitPanes().forEach((name, pane) -> {
            javafx.scene.control.SplitPane now = next.view.splitPanes().get(name);
            double[] wanted = dev.mapiworkbench.ui.DividerMemory.wanted(pane);
            if (now != null && now.getDividers().size() == wanted.length) {
                dev.mapiworkbench.ui.DividerMemory.want(now, wanted);
            }
        });
        closeOwn();
        replacement = next;
        next.afterFirstFrame();
        next.logonUnlessDisabled();
    }

    /** The workbench this window was opened again as (another profile), or null. */
    public Workbench replacement() {
        return replacement;
    }

    /** The workbench the window shows now: this one, or the last it was opened again as ({@link #reopenOn}). */
    private Workbench current() {
        Workbench w = this;
        while (w.replacement != null) {
            w = w.replacement;
        }
        return w;
    }

    /**
     * After logon: a shared session this client owns gets one simulated peer (when the backend can add
     * peers and none is logged on), so that MAPI_LOGOFF_SHARED has someone to reach.
     */
    static void addSimulatedPeer(ClientSession client) {
        if (client.isShared() && client.ownsSharedSession()) {
            client.capability(SharedSessionControl.class).ifPresent(c -> {
                if (c.peers().stream().noneMatch(SharedSessionControl.Peer::loggedOn)) {
                    c.addPeer("Peer client 1");
                }
            });
        }
    }

    /** Opens the client session (backend and profile) the options name; any thread. */
    public static ClientSession openClient(GuiOptions options) {
        ClientSession client = ClientSessions.open(options.common().clientConfig(options.profileDir()));
        // --smtp and the password from the environment; the window never prompts on a terminal
        // (its Transport settings dialog asks instead)
        String smtp = options.common().smtp().applyTo(client, System.getenv(), null);
        if (smtp != null) {
            LOG.info("{}", smtp);
        }
        return client;
    }

    /**
     * What the first frame does not need, done once it is shown (the app, decision 0520) or at once
     * ({@link #create}): the skins of the tables and trees that were empty when the window was built (decision
     * 0720), and the window icons (five PNGs decoded).
     */
    public void afterFirstFrame() {
        if (firstFrameSkins != null) {
            firstFrameSkins.restore();
            firstFrameSkins = null;
        }
        stage.getIcons().setAll(AppIcons.images());
    }

    /**
     * What the first teardown of the process would otherwise do while the tester watches, done once the window is
     * idle after its first frame (the app calls this after {@link #afterFirstFrame()}, decision 0631): on a
     * background thread the static set-up its start runs on the FX thread (the ObjectMappers of {@code Replays} and
     * {@code TranscriptJson}, the planner, the linter and its rule catalogue); then, each in an idle moment of its
     * own, the teardown panel's skin (decision 0520 deferred it to the first teardown) and one tooltip (the popup
     * classes the first hover needs, decision 0630).
     */
    public void warmUpWhenIdle() {
        IdleWarmUp.start(
                stage.getScene(),
                () -> IdleWarmUp.initialise(java.util.List.of(
                        dev.mapiworkbench.app.scenario.Replays.class,
                        dev.mapiworkbench.teardown.TranscriptJson.class,
                        dev.mapiworkbench.teardown.TeardownPlanner.class,
                        dev.mapiworkbench.teardown.OrderLinter.class,
                        dev.mapiworkbench.teardown.RuleCatalogue.class)),
                java.util.List.of(view::buildTeardownPanel, () -> new javafx.scene.control.Tooltip("warm-up")));
    }

    /** Starts the logon (in the background, as the Log on button does) unless {@code --no-logon}. */
    public void logonUnlessDisabled() {
        if (!options.common().noLogon() && options.replay() == null) { // --replay logs on with the recording's set-up
            model.logon();
        }
    }

    /**
     * Sizes and places the window (and its split dividers) from {@code file}, and saves them there
     * whenever the window is hidden. Call before the stage is shown. The app uses
     * {@link WindowState#defaultFile()}: per user, not per profile. The splits saved are those of the view the
     * window shows then: after the window was opened again on another profile, the new view's, not this closed
     * one's (whose handler it is: the stage keeps it).
     */
    public void rememberWindowIn(java.nio.file.Path file) {
        WindowState state = WindowState.load(file);
        state.applyTo(stage);
        // the dividers once the window has its final size: the folder pane keeps its width when the
        // window resizes, so positions set against the first layout's width would drift
        Runnable dividers = () -> {
            view.root().applyCss();
            view.root().layout();
            state.applyTo(view.splitPanes());
        };
        WindowState.afterFirstShown(stage, dividers);
        // and again once a window manager that mapped the window smaller gives it the size asked for (decision 0602)
        state.whenSizedAsAsked(stage, dividers);
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> {
            state.capture(stage, current().view.splitPanes());
            state.save();
        });
    }

    /**
     * File › Open recent from {@code file} (per user, like the window state; decision 0311), saved there on
     * every change. Without this call the list lives in memory (tests).
     */
    public void rememberRecentScenariosIn(java.nio.file.Path file) {
        scenarios.recent().rememberIn(file);
    }

    /** The scenario menu's view model. */
    public ScenarioViewModel scenarios() {
        return scenarios;
    }

    /** The standard dialogs. */
    public static Function<Supplier<Window>, DialogService> standardDialogs() {
        return FxDialogService::new;
    }

    public MainViewModel model() {
        return model;
    }

    public MainView view() {
        return view;
    }

    /** Open trace…, Paste C++… and dropped files (ui.trace). */
    public TraceActions traces() {
        return traces;
    }

    public ClientGateway gateway() {
        return gateway;
    }

    public ClientSession client() {
        return gateway.client();
    }

    public Stage stage() {
        return stage;
    }

    @Override
    public void close() {
        closeOwn();
        if (replacement != null) {
            replacement.close();
        }
    }

    /**
     * After {@link #close()}: waits up to {@code timeout} (each) for the background work that was running (the
     * Notes tab's writes into the profile's test session, a screenshot) to end, here and in the workbench this
     * window was opened again as; false if some is still running. (The history saves are waited for by the close
     * itself.) Whoever deletes the profile folder after closing calls this first.
     */
    public boolean awaitClosed(java.time.Duration timeout) {
        boolean done = executor.awaitClosed(timeout);
        return (replacement == null || replacement.awaitClosed(timeout)) && done;
    }

    private void closeOwn() {
        if (!closed) {
            closed = true;
            executor.close();
            gateway.close();
        }
    }
}
