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

    /**
     * The panel's skin; while the panel is hidden (the main window's, until a session ends) an empty one,
     * replaced by the real skin the first time the panel is shown (issue 12: the first frame does not build
     * and style the steps nobody sees yet).
     */
    @Override
    protected Skin<?> createDefaultSkin() {
        if (isVisible()) {
            return new TeardownPanelSkin(this);
        }
        visibleProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                if (isVisible()) {
                    visibleProperty().removeListener(this);
                    setSkin(new TeardownPanelSkin(TeardownPanel.this));
                }
            }
        });
        return new SkinBase<TeardownPanel>(this) {};
    }

    @Override
    public String getUserAgentStylesheet() {
        return TeardownPanel.class
                .getResource("/dev/mapiworkbench/ui/teardown-panel.css")
                .toExternalForm();
    }
}
