package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.app.GuiOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The window's {@code --replay TRANSCRIPT} option (docs/cli.md), without the toolkit. */
class GuiReplayOptionTest {

    @Test
    void theWindowTakesReplayAndKeepsTheFile() {
        GuiOptions o = GuiOptions.parse("--profile", "/tmp/p", "--replay", "/tmp/run.json");
        assertThat(o.replay()).isEqualTo(Path.of("/tmp/run.json"));
        assertThat(GuiOptions.parse("--profile", "/tmp/p").replay()).isNull();
    }

    @Test
    void replayAndScenarioTogetherAreRefusedSayingWhy() {
        assertThatThrownBy(() -> GuiOptions.parse("--replay", "/tmp/run.json", "--scenario", "leaky-client"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--replay and --scenario cannot be combined");
    }

    @Test
    void replayWithoutAFileIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> GuiOptions.parse("--replay"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--replay");
    }
}
