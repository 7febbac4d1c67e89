package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;

import dev.mapiworkbench.app.Workbench;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

/**
 * What a person does in the window again and again, for the UI tests on {@link WorkbenchFixture}: send a
 * message through the compose dialog, open the logoff dialog, walk a dialog with Tab, read a label.
 */
public final class WindowActions {

    private WindowActions() {}

    /** New message: types To and Subject (and the body, when given), clicks Send, waits for the Outbox row. */
    public static void send(FxRobot robot, Workbench wb, String to, String subject, String body) throws Exception {
        robot.clickOn("#newMessageButton");
        waitUntil(() -> robot.lookup("#composeTo").tryQuery().isPresent());
        robot.clickOn("#composeTo").write(to);
        robot.clickOn("#composeSubject").write(subject);
        if (body != null && !body.isEmpty()) {
            robot.clickOn("#composeBody").write(body);
        }
        robot.clickOn("#composeSendButton");
        waitUntil(() -> wb.model().outbox().stream().anyMatch(o -> o.subject().equals(subject)));
    }

    /** The same without a body. */
    public static void send(FxRobot robot, Workbench wb, String to, String subject) throws Exception {
        send(robot, wb, to, subject, "");
    }

    /** Clicks Log off and waits for the logoff dialog and its initial focus. */
    public static void openLogoffDialog(FxRobot robot) throws Exception {
        robot.clickOn("#logoffButton");
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isPresent());
        waitUntil(() -> focusedId("#logoffDialog") != null);
    }

    /** The id of the focus owner in the window that shows {@code marker} (a dialog's pane id), or null. */
    public static String focusedId(String marker) {
        return fx(() -> Window.getWindows().stream()
                .map(Window::getScene)
                .filter(sc -> sc != null && sc.lookup(marker) != null)
                .findFirst()
                .map(Scene::getFocusOwner)
                .map(Node::getId)
                .orElse(null));
    }

    /** Presses Tab {@code times} times and returns the id focused after each press, in the window of {@code marker}. */
    public static List<String> tabWalk(FxRobot robot, String marker, int times) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            robot.push(KeyCode.TAB);
            order.add(focusedId(marker));
        }
        return order;
    }

    /** Opens a ChoiceBox by clicking it and picks {@code item} with the arrow keys and Enter. */
    @SuppressWarnings("unchecked")
    public static <T> void choose(FxRobot robot, String query, T item) throws Exception {
        ChoiceBox<T> box = robot.lookup(query).queryAs(ChoiceBox.class);
        robot.clickOn(box);
        waitUntil(box::isShowing);
        int from = Math.max(0, fx(() -> box.getSelectionModel().getSelectedIndex()));
        int to = fx(() -> box.getItems().indexOf(item));
        if (to < 0) {
            throw new AssertionError(item + " is not in " + query);
        }
        for (int i = from; i < to; i++) {
            robot.push(KeyCode.DOWN);
        }
        for (int i = to; i < from; i++) {
            robot.push(KeyCode.UP);
        }
        robot.push(KeyCode.ENTER);
        waitUntil(() -> item.equals(box.getValue()) && !box.isShowing());
    }

    /**
     * Scrolls the enclosing scroll pane until {@code query} lies inside its viewport, as a person does with the
     * mouse: a click into the vertical scroll bar's track below (or above) the thumb moves one page, and once the
     * node is near, the bar's arrow buttons move it the rest (the mouse wheel does not scroll a ScrollPane under
     * Monocle). At most 60 clicks.
     */
    public static void scrollIntoView(FxRobot robot, String query) throws Exception {
        Node node = robot.lookup(query).query();
        javafx.scene.control.ScrollPane pane = fx(() -> {
            for (Node n = node.getParent(); n != null; n = n.getParent()) {
                if (n instanceof javafx.scene.control.ScrollPane sp) {
                    return sp;
                }
            }
            return null;
        });
        if (pane == null) {
            return;
        }
        for (int i = 0; i < 60; i++) {
            javafx.geometry.Bounds view = fx(() -> pane.localToScreen(pane.getLayoutBounds()));
            javafx.geometry.Bounds b = fx(() -> node.localToScreen(node.getLayoutBounds()));
            if (b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY()) {
                return;
            }
            boolean down = b.getMinY() >= view.getMinY();
            // the pane's own bar (a child of its skin), not one of a text area's inside it
            javafx.scene.control.ScrollBar bar = fx(() -> pane.getChildrenUnmodifiable().stream()
                    .filter(n -> n instanceof javafx.scene.control.ScrollBar sb
                            && sb.getOrientation() == javafx.geometry.Orientation.VERTICAL
                            && sb.isVisible())
                    .map(javafx.scene.control.ScrollBar.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(query + " is outside a pane that cannot scroll")));
            Node thumb = fx(() -> bar.lookup(".thumb"));
            javafx.geometry.Bounds t = fx(() -> thumb.localToScreen(thumb.getLayoutBounds()));
            javafx.geometry.Bounds track = fx(() -> {
                Node n = bar.lookup(".track");
                return n.localToScreen(n.getLayoutBounds());
            });
            // far away: a page through the track; near (less than the viewport's height away): one arrow step
            double away = down ? b.getMaxY() - view.getMaxY() : view.getMinY() - b.getMinY();
            double pageRoom = down ? track.getMaxY() - t.getMaxY() : t.getMinY() - track.getMinY();
            double before = fx(pane::getVvalue);
            if (away > view.getHeight() / 2 && pageRoom > 4) {
                robot.clickOn(new javafx.geometry.Point2D(
                        track.getCenterX(),
                        down ? (t.getMaxY() + track.getMaxY()) / 2 : (t.getMinY() + track.getMinY()) / 2));
            } else {
                robot.clickOn(fx(() -> bar.lookup(down ? ".increment-button" : ".decrement-button")));
            }
            waitUntil(() -> true);
            if (fx(pane::getVvalue) == before && (down ? before >= pane.getVmax() : before <= pane.getVmin())) {
                break;
            }
        }
        throw new AssertionError(query + " could not be scrolled into view: "
                + fx(() -> node.localToScreen(node.getLayoutBounds()) + " in "
                        + pane.localToScreen(pane.getLayoutBounds()) + " at vvalue " + pane.getVvalue()));
    }

    /**
     * The labels under {@code root} matching {@code selector} whose shown text differs from their text (cut to
     * "…" by the skin), as "shown / whole" lines.
     */
    public static List<String> elided(Node root, String selector) {
        return fx(() -> root.lookupAll(selector).stream()
                .filter(n -> n instanceof Labeled && n.isVisible())
                .map(Labeled.class::cast)
                .filter(l -> {
                    Node shown = l.lookup(".text");
                    return !(shown instanceof javafx.scene.text.Text t)
                            || !l.getText().equals(t.getText());
                })
                .map(l -> (l.getId() != null ? "#" + l.getId() + " " : "") + "'" + l.getText() + "' shown as '"
                        + (l.lookup(".text") instanceof javafx.scene.text.Text t ? t.getText() : null) + "'")
                .toList());
    }

    /** The text of the labeled node {@code query} (a label, button or hyperlink). */
    public static String text(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryAs(Labeled.class).getText());
    }

    /**
     * The mnemonics of the window showing {@code marker} that more than one visible, enabled node answers to:
     * JavaFX then moves the focus between those nodes on Alt+key instead of firing one (decision 0510). One
     * line per clash: the key and the nodes.
     */
    public static List<String> clashingMnemonics(String marker) {
        return fx(() -> {
            List<String> clashes = new ArrayList<>();
            Scene scene = Window.getWindows().stream()
                    .map(Window::getScene)
                    .filter(sc -> sc != null && sc.lookup(marker) != null)
                    .findFirst()
                    .orElseThrow();
            // Alt+'o' ("Log _on") and Alt+'O' ("_Offline") are two keys of the map but one key on the keyboard
            java.util.Map<String, List<String>> byKey = new java.util.TreeMap<>();
            scene.getMnemonics()
                    .forEach((key, mnemonics) -> mnemonics.stream()
                            .map(javafx.scene.input.Mnemonic::getNode)
                            .filter(n -> n != null && n.getScene() == scene && treeVisible(n) && !n.isDisabled())
                            .map(n -> n.getId() != null ? "#" + n.getId() : n.toString())
                            .forEach(n -> byKey.computeIfAbsent(
                                            key.toString().toUpperCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                                    .add(n)));
            byKey.forEach((key, nodes) -> {
                List<String> distinct = nodes.stream().distinct().toList();
                if (distinct.size() > 1) {
                    clashes.add(key + " " + distinct);
                }
            });
            return clashes;
        });
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code query} exists and is visible. */
    public static boolean shown(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
    }

    /**
     * Types {@code spec} into the Faults tab's field and presses Enter, as a person adds a fault (Ctrl+4 shows the
     * tab and puts the focus in the field); waits until the table lists it.
     */
    public static void addFault(FxRobot robot, String spec) throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT4);
        waitUntil(() -> robot.lookup("#faultInput").tryQuery().isPresent());
        robot.clickOn("#faultInput").write(spec).type(KeyCode.ENTER);
        javafx.scene.control.TableView<FaultsViewModel.FaultRow> table =
                robot.lookup("#faultsTable").queryTableView();
        waitUntil(() -> table.getItems().stream().anyMatch(r -> r.spec().equals(spec)));
    }

    /**
     * Logs off from the keyboard: Alt+G (the toolbar's "Log off"), then Enter on the logoff dialog's default button
     * ("Log off now" with an empty Outbox, "Log off after sending" with mail pending).
     */
    public static void logOffByKeyboard(FxRobot robot) throws Exception {
        robot.push(KeyCode.ALT, KeyCode.G);
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isPresent());
        waitUntil(() -> focusedId("#logoffDialog") != null);
        robot.push(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isEmpty());
    }

    /** The pseudo-class states of the teardown panel's row {@code step-<id>} ("failed", "done", …). */
    public static String stepStates(FxRobot robot, String stepId) {
        return fx(() ->
                robot.lookup("#step-" + stepId).query().getPseudoClassStates().toString());
    }

    /**
     * Waits until the test session (Notes tab) holds what the last finished run writes into the profile in the
     * background: the run's line and, for a run that did not end clean (errors, warnings, a leak or a finding),
     * its automatic screenshot. A test that ends sooner races the fixture's deletion of the profile
     * (DirectoryNotEmptyException on {@code sessions/…}).
     */
    public static void awaitTestSessionWrites(Workbench wb) throws Exception {
        waitUntil(() -> {
            var t = wb.model().teardown();
            boolean due = !"clean".equals(t.resultProperty().get())
                    || !t.leaks().isEmpty()
                    || !t.findings().isEmpty();
            List<String> items = wb.model().notes().items();
            return items.stream().anyMatch(i -> i.startsWith("Run "))
                    && (!due || items.stream().anyMatch(i -> i.startsWith("Screenshot ") && i.contains("automatic")));
        });
    }

    /**
     * The Session menu by keyboard, as a person walks it: the focus in the folder tree, Alt+S, the menu seen open
     * (it stays open once Alt is released) before the arrows, then Down {@code downs} times and Enter.
     */
    public static void sessionMenuItemByKeys(FxRobot robot, int downs) throws Exception {
        robot.clickOn("#folderTree");
        robot.push(KeyCode.ALT, KeyCode.S);
        javafx.scene.control.Menu session =
                fx(() -> robot.lookup("#mainMenuBar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                        .filter(m -> "sessionMenu".equals(m.getId()))
                        .findFirst()
                        .orElseThrow());
        waitUntil(session::isShowing);
        for (int i = 0; i < downs; i++) {
            robot.push(KeyCode.DOWN);
        }
        robot.push(KeyCode.ENTER);
    }
}
