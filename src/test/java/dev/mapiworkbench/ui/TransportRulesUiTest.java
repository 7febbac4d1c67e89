package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.ui.TransportRulesViewModel.Effect;
import dev.mapiworkbench.ui.TransportRulesViewModel.Match;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Session › Transport rules… as a person uses it (issue #13 item 1, decision 0610): a scenario's rules are listed,
 * a rule built by typing fails the next message sent (its reason in the Outbox), Remove takes it away, bad input
 * is refused with the reason shown and nothing changes; greylisted mail counts down in the status bar and a hung
 * send is released while its rule stays.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 240)
class TransportRulesUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    @TempDir
    Path dir;

    /** Alt+S, then Down three times (Ask before…, Transport settings…, Transport rules…) and Enter. */
    private static void openRules(FxRobot robot) throws Exception {
        WindowActions.sessionMenuItemByKeys(robot, 3);
        waitUntil(() -> robot.lookup("#transportRulesDialog").tryQuery().isPresent());
    }

    @SuppressWarnings("unchecked")
    private static List<TransportRulesViewModel.RuleRow> rows(FxRobot robot) {
        TableView<TransportRulesViewModel.RuleRow> t =
                robot.lookup("#transportRulesTable").queryAs(TableView.class);
        return fx(() -> List.copyOf(t.getItems()));
    }

    private static List<String> ruleTexts(FxRobot robot) {
        return rows(robot).stream().map(TransportRulesViewModel.RuleRow::rule).toList();
    }

    private static Optional<SessionGateway.OutboxInfo> outboxRow(Workbench wb, String subject) {
        return fx(() -> wb.model().outbox().stream()
                .filter(o -> o.subject().equals(subject))
                .findFirst());
    }

    /** The message left the queue: the Outbox list shows it as sent (or no more). */
    private static boolean sent(Workbench wb, String subject) {
        return outboxRow(wb, subject).map(o -> o.state().equals("sent")).orElse(true);
    }

    /** Clicks into {@code query}, selects what it holds and types {@code text}. */
    private static void type(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
    }

    @Test
    void aScenariosRulesAreListedATypedRuleFailsTheNextMessageAndBadInputIsRefused(FxRobot robot) throws Exception {
        Path scenario = dir.resolve("rules.json");
        Files.writeString(scenario, """
                {
                  "schema": "mapi-workbench/scenario/v1",
                  "name": "two-rules",
                  "purpose": "Two transport rules from a scenario.",
                  "watchFor": "The Transport rules window lists both.",
                  "transport": { "rules": [ "subject~Quarterly=fail:MAPI_E_NETWORK_ERROR:the link went down",
                                            "to~bob@=smtp:550 5.1.1 mailbox unavailable" ] }
                }
                """);
        Workbench wb = app.open("--scenario", scenario.toString());
        openRules(robot);
        waitUntil(() -> ruleTexts(robot).size() == 2);
        assertThat(ruleTexts(robot))
                .containsExactly(
                        "subject~Quarterly=fail:MAPI_E_NETWORK_ERROR:the link went down",
                        "to~bob@=smtp:550 5.1.1 mailbox unavailable");

        // a bad input is refused with the reason, and nothing changes: an unknown HRESULT, a negative latency
        WindowActions.choose(robot, "#transportRuleEffect", Effect.FAIL);
        type(robot, "#transportRuleEffectValue", "MAPI_E_NO_SUCH_THING");
        robot.push(KeyCode.ENTER);
        waitUntil(() -> WindowActions.shown(robot, "#transportRuleProblem"));
        assertThat(WindowActions.text(robot, "#transportRuleProblem"))
                .contains("'MAPI_E_NO_SUCH_THING' is not an HRESULT name");
        WindowActions.choose(robot, "#transportRuleEffect", Effect.LATENCY);
        type(robot, "#transportRuleEffectValue", "-5");
        robot.push(KeyCode.ENTER);
        assertThat(WindowActions.text(robot, "#transportRuleProblem")).isEqualTo("a time cannot be negative: -5 ms");
        assertThat(ruleTexts(robot)).hasSize(2);

        // the 1st message from now on fails with a typed HRESULT and reason
        WindowActions.choose(robot, "#transportRuleMatch", Match.NTH);
        type(robot, "#transportRuleMatchValue", "1");
        WindowActions.choose(robot, "#transportRuleEffect", Effect.FAIL);
        type(robot, "#transportRuleEffectValue", "MAPI_E_NETWORK_ERROR:typed in the rules window");
        assertThat(WindowActions.text(robot, "#transportRulePreview"))
                .isEqualTo("Rule: #1=fail:MAPI_E_NETWORK_ERROR:typed in the rules window");
        assertThat(WindowActions.shown(robot, "#transportRuleProblem")).isFalse();
        robot.push(KeyCode.ENTER);
        waitUntil(() -> ruleTexts(robot).size() == 3);
        assertThat(ruleTexts(robot).get(2)).isEqualTo("#1=fail:MAPI_E_NETWORK_ERROR:typed in the rules window");
        assertThat(WindowActions.text(robot, "#transportRuleResult")).startsWith("Added rule 3: ");

        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#transportRulesDialog").tryQuery().isEmpty());
        WindowActions.send(robot, wb, "ann@example.com", "hit by the typed rule");
        waitUntil(() -> outboxRow(wb, "hit by the typed rule")
                .map(o -> o.state().startsWith("failed"))
                .orElse(false));
        assertThat(outboxRow(wb, "hit by the typed rule").orElseThrow().state())
                .isEqualTo("failed: MAPI_E_NETWORK_ERROR: typed in the rules window");

        // Remove (Alt+R) on the selected rule: it is gone, and the next message goes
        openRules(robot);
        waitUntil(() -> ruleTexts(robot).size() == 3);
        robot.clickOn("#transportRulesTable");
        robot.push(KeyCode.END);
        waitUntil(() -> !robot.lookup("#transportRuleRemoveButton").query().isDisabled());
        robot.push(KeyCode.ALT, KeyCode.R);
        waitUntil(() -> ruleTexts(robot).size() == 2);
        assertThat(ruleTexts(robot)).doesNotContain("#1=fail:MAPI_E_NETWORK_ERROR:typed in the rules window");
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#transportRulesDialog").tryQuery().isEmpty());
        WindowActions.send(robot, wb, "ann@example.com", "after the removal");
        waitUntil(() -> sent(wb, "after the removal"));
        assertThat(outboxRow(wb, "hit by the typed rule")).isPresent();
    }

    @Test
    void greylistedMailCountsDownInTheStatusBarAndAHungSendIsReleased(FxRobot robot) throws Exception {
        Workbench wb = app.open(
                "--transport-rule", "subject~grey=smtp:451 4.7.1 greylisted, try later;retry:60000",
                "--transport-rule", "subject~stuck=hang");
        WindowActions.send(robot, wb, "ann@example.com", "grey one");
        waitUntil(() -> WindowActions.shown(robot, "#statusGreylisted"));
        String first = WindowActions.text(robot, "#statusGreylisted");
        assertThat(first).matches("Greylisted: 'grey one' — retry in [0-9]{1,2} s");
        // it counts: the seconds go down while it waits
        waitUntil(() -> !WindowActions.text(robot, "#statusGreylisted").equals(first));
        assertThat(WindowActions.text(robot, "#statusGreylisted")).startsWith("Greylisted: 'grey one' — retry in ");
        // the Outbox row: still queued, with the server's reply
        SessionGateway.OutboxInfo grey = outboxRow(wb, "grey one").orElseThrow();
        assertThat(grey.state()).isEqualTo("queued");
        assertThat(grey.reply()).isEqualTo("451 4.7.1 greylisted, try later");

        WindowActions.send(robot, wb, "ann@example.com", "stuck one");
        openRules(robot);
        waitUntil(() -> rows(robot).size() == 2 && rows(robot).get(1).holding());
        assertThat(rows(robot).get(0).doing(java.time.Instant.now())).startsWith("greylisted 'grey one': retry in ");
        assertThat(rows(robot).get(1).doing(java.time.Instant.now())).isEqualTo("holds 'stuck one' in the transport");
        robot.clickOn("#transportRulesTable");
        robot.push(KeyCode.END);
        waitUntil(() -> !robot.lookup("#transportRuleReleaseButton").query().isDisabled());
        robot.push(KeyCode.ALT, KeyCode.L);
        waitUntil(() -> sent(wb, "stuck one"));
        assertThat(ruleTexts(robot)).as("the rule stays").hasSize(2);
        assertThat(WindowActions.text(robot, "#transportRuleResult"))
                .isEqualTo("Released what rule 2 held; the rule stays in force.");
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#transportRulesDialog").tryQuery().isEmpty());

        // Retry now ends the wait: the message goes on its retry and the status item goes away
        robot.clickOn("#outboxRetryNowButton");
        waitUntil(() -> sent(wb, "grey one"));
        waitUntil(() -> !WindowActions.shown(robot, "#statusGreylisted"));
    }
}
