package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The window's usual command lines are parsed without picocli at start-up (decision 0822): for each of them the
 * options are the ones picocli gives, field by field; anything else is left to picocli.
 */
class GuiOptionsWithoutPicocliTest {

    private static final List<List<String>> USUAL = List.of(
            List.of(),
            List.of("--print-startup-time", "--exit-after-shown", "--profile", "/tmp/p"),
            List.of("--dark"),
            List.of("--no-logoff-ui", "--profile=/tmp/q", "--dark"),
            List.of("--profile", "/tmp/a", "--profile", "relative/b"),
            List.of("--exit-after-shown", "--exit-after-shown"));

    @Test
    void theUsualCommandLinesGiveWhatPicocliGives() {
        for (List<String> args : USUAL) {
            String[] a = args.toArray(String[]::new);
            GuiOptions fast = GuiOptions.withoutPicocli(a);
            assertThat(fast).as("%s parsed without picocli", args).isNotNull();
            assertThat(fast)
                    .as("%s", args)
                    .usingRecursiveComparison()
                    .withEqualsForType(Object::equals, Path.class)
                    .isEqualTo(GuiOptions.withPicocli(a));
            assertThat(GuiOptions.parse(a).profileDir())
                    .isEqualTo(GuiOptions.withPicocli(a).profileDir());
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        for (List<String> args : List.of(
                List.of("--no-logon"),
                List.of("--profile"),
                List.of("--profile", "--dark"),
                List.of("--profile="),
                List.of("--backend", "sim"),
                List.of("--timeout", "5"),
                List.of("--scenario", "leaky-client"),
                List.of("--dark", "--bogus"),
                List.of("-h"))) {
            assertThat(GuiOptions.withoutPicocli(args.toArray(String[]::new)))
                    .as("%s", args)
                    .isNull();
        }
        assertThatThrownBy(() -> GuiOptions.parse("--dark", "--bogus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> GuiOptions.parse("--profile"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--profile");
    }
}
