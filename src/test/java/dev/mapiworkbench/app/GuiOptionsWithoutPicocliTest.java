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

    /**
     * Options given twice: picocli is told to take the last one ({@code setOverwrittenOptionsAllowed(true)}), a
     * boolean flag given twice stays on (no toggling), and the loop does the same (decision 0822).
     */
    private static final List<List<String>> REPEATED = List.of(
            List.of("--dark", "--dark"),
            List.of("--no-logoff-ui", "--dark", "--no-logoff-ui"),
            List.of("--print-startup-time", "--print-startup-time", "--exit-after-shown"),
            List.of("--profile=/tmp/a", "--profile", "/tmp/b"),
            List.of("--profile", "/tmp/a", "--dark", "--profile=relative/c", "--dark"));

    @Test
    void repeatedOptionsGiveWhatPicocliGives() {
        for (List<String> args : REPEATED) {
            String[] a = args.toArray(String[]::new);
            GuiOptions picocli = GuiOptions.withPicocli(a);
            assertThat(GuiOptions.withoutPicocli(a))
                    .as("%s parsed without picocli", args)
                    .isNotNull();
            assertThat(GuiOptions.parse(a))
                    .as("%s", args)
                    .usingRecursiveComparison()
                    .withEqualsForType(Object::equals, Path.class)
                    .isEqualTo(picocli);
            assertThat(GuiOptions.parse(a).profileDir()).as("%s", args).isEqualTo(picocli.profileDir());
        }
        assertThat(GuiOptions.parse("--profile", "/tmp/a", "--profile=/tmp/b").profileDir())
                .isEqualTo(Path.of("/tmp/b"));
        assertThat(GuiOptions.parse("--dark", "--dark").dark()).isTrue();
    }

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
