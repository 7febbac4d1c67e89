package dev.mapiworkbench.ui.teardown;

import dev.mapiworkbench.teardown.StepId;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;

/**
 * The step-by-step teardown panel: a control over a {@link TeardownViewModel} (steps, progress,
 * wait phase, step-through, summary). Its look is {@link TeardownPanelSkin} plus
 * {@code teardown-panel.css}. Node ids are the automation contract (docs/automation.md).
 */
public class TeardownPanel extends Control {

    /** Style class of the control. */
    public static final String STYLE_CLASS = "teardown-panel";
    /** Style class of one step row. */
    public static final String STEP_STYLE_CLASS = "teardown-step";

    private final TeardownViewModel model;

    public TeardownPanel(TeardownViewModel model) {
        this.model = model;
        setId("teardownPanel");
        getStyleClass().add(STYLE_CLASS);
        setAccessibleRole(AccessibleRole.NODE);
        setAccessibleText("Teardown");
    }

    public TeardownViewModel getModel() {
        return model;
    }

    /** The row id of a step: {@code step-<step id>}. */
    public static String rowId(StepId stepId) {
        return "step-" + stepId.id();
    }

    /** Until the real skin is built: the listener that builds it when the panel is first shown. */
    private InvalidationListener skinWhenShown;

    /**
     * The panel's skin; while the panel is hidden (the main window's, until a session ends) an empty one,
     * replaced by the real skin the first time the panel is shown (issue 12: the first frame does not build
     * and style the steps nobody sees yet) or by {@link #buildSkin()}, whichever comes first.
     */
    @Override
    protected Skin<?> createDefaultSkin() {
        if (isVisible()) {
            return new TeardownPanelSkin(this);
        }
        skinWhenShown = new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                if (isVisible()) {
                    buildSkin();
                }
            }
        };
        visibleProperty().addListener(skinWhenShown);
        return new SkinBase<TeardownPanel>(this) {};
    }

    /**
     * Builds the real skin now if the panel still has the empty one, and styles it: the window calls this when the
     * FX thread is idle after the first frame, so that the first teardown does not build it while the tester
     * watches (decision 0631). Does nothing once built.
     */
    public void buildSkin() {
        if (skinWhenShown != null) {
            visibleProperty().removeListener(skinWhenShown);
            skinWhenShown = null;
            setSkin(new TeardownPanelSkin(this));
            if (getScene() != null) {
                applyCss();
                styleSampleRow();
            }
        }
    }

    /**
     * Builds and styles one step row in a scene of its own, then drops it: the first teardown's rows (a label, a
     * read-only text area, links per step) then find their skins' and behaviours' classes loaded and the panel's
     * style sheet parsed.
     */
    private void styleSampleRow() {
        javafx.scene.layout.StackPane box = new javafx.scene.layout.StackPane(
                TeardownPanelSkin.row(new StepViewModel(1, StepId.UNADVISE, "warm-up")));
        box.getStylesheets().setAll(getScene().getRoot().getStylesheets());
        box.getStylesheets().add(getUserAgentStylesheet());
        new javafx.scene.Scene(box);
        box.applyCss();
        box.layout();
    }

    /** Whether the real skin is built (not the empty one of a panel not shown yet). */
    public boolean skinBuilt() {
        return getSkin() instanceof TeardownPanelSkin;
    }

    @Override
    public String getUserAgentStylesheet() {
        return TeardownPanel.class
                .getResource("/dev/mapiworkbench/ui/teardown-panel.css")
                .toExternalForm();
    }
}
