package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.app.GuiOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The window's command line (docs/automation.md), without the toolkit. */
class GuiOptionsTest {

    @Test
    void theWindowTakesTheCommandLinesOptionsAndItsOwn() {
        GuiOptions o = GuiOptions.parse(
                "--profile",
                "/tmp/p",
                "--no-logon",
                "--transport-latency",
                "0",
                "--transport-fail-every",
                "3",
                "--transport-offline",
                "--print-startup-time",
                "--exit-after-shown",
                "--no-logoff-ui",
                "--dark");
        assertThat(o.profileDir()).isEqualTo(Path.of("/tmp/p"));
        assertThat(o.common().noLogon()).isTrue();
        assertThat(o.common().transportSettings().latencyMillis()).isZero();
        assertThat(o.common().transportSettings().failEvery()).isEqualTo(3);
        assertThat(o.common().transportSettings().offline()).isTrue();
        assertThat(o.printStartupTime()).isTrue();
        assertThat(o.exitAfterShown()).isTrue();
        assertThat(o.noLogoffUi()).isTrue();
        assertThat(o.dark()).isTrue();
    }

    @Test
    void aBuiltInScenarioWithQueuedMailAndALogoffOpensTheWindow() {
        // transport-down queues mail and logs off after sending: the command line's --send and --logoff,
        // which the window applies itself from the scenario (as File > Open scenario... does)
        GuiOptions o = GuiOptions.parse("--scenario", "transport-down");
        assertThat(o.scenario()).isNotNull();
        assertThat(o.scenario().name()).isEqualTo("transport-down");
        assertThat(o.common().transportSettings().offline()).isTrue();
        assertThat(o.logoffDefaults().timeout()).isEqualTo(java.time.Duration.ofSeconds(2));
    }

    @Test
    void withoutOptionsItLogsOnToTheDemoProfileWithTheDemoTransport() {
        GuiOptions o = GuiOptions.parse();
        assertThat(o.profileDir().endsWith(Path.of(".mapi-workbench", "demo")))
                .as(o.profileDir().toString())
                .isTrue();
        assertThat(o.profileDir().startsWith(Path.of(System.getProperty("user.home"))))
                .isTrue();
        assertThat(o.common().noLogon()).isFalse();
        assertThat(o.common().transportSettings().latencyMillis()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aBadArgumentIsNamedInOneLine() {
        assertThatThrownBy(() -> GuiOptions.parse("--transport-latency", "-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--transport-latency");
        assertThatThrownBy(() -> GuiOptions.parse("--frobnicate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--frobnicate");
    }
}
