package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.1 contrast over the themes' own colours (issue 10, item 17): every looked-up colour the
 * stylesheets use as text fill reaches 4.5:1 (success criterion 1.4.3, AA) against every background
 * colour of the theme; every colour used for a status icon reaches 3:1 (1.4.11, non-text). Computed
 * from the CSS files, so a colour change that breaks contrast fails here.
 * Formula: https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio and #dfn-relative-luminance.
 */
class ThemeContrastTest {

    static final List<String> SHEETS = List.of("app.css", "teardown-panel.css");
    /** The backgrounds text sits on: window, panes and tables, headers and the status bar, monospace calls. */
    static final List<String> BACKGROUNDS = List.of("-app-bg", "-app-surface", "-app-header-bg", "-app-mono-bg");

    static String css(String name) throws IOException {
        try (InputStream in = ThemeContrastTest.class.getResourceAsStream("/dev/mapiworkbench/ui/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The {@code -app-*: #rrggbb} definitions of a sheet's {@code .root} block. */
    static Map<String, String> rootColours(String css) {
        Matcher root = Pattern.compile("\\.root\\s*\\{([^}]*)}").matcher(css);
        assertThat(root.find()).isTrue();
        Map<String, String> colours = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(-app-[a-z-]+)\\s*:\\s*(#[0-9a-fA-F]{6})").matcher(root.group(1));
        while (m.find()) {
            colours.put(m.group(1), m.group(2));
        }
        return colours;
    }

    /** The looked-up colours a property takes anywhere in the sheets, e.g. every {@code -fx-text-fill: -app-x}. */
    static Set<String> used(String property, String css) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile(Pattern.quote(property) + "\\s*:\\s*(-app-[a-z-]+)")
                .matcher(css);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @Test
    void theFormulaMatchesTheKnownExtremes() {
        assertThat(contrast("#000000", "#ffffff")).isEqualTo(21.0);
        assertThat(contrast("#777777", "#ffffff")).isCloseTo(4.48, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void everyTextColourMeetsAaAndEveryIconColourThreeToOneInBothThemes() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String sheet : SHEETS) {
            all.append(css(sheet)).append('\n');
        }
        Set<String> text = used("-fx-text-fill", all.toString());
        Set<String> fills = used("-fx-background-color", all.toString());
        fills.removeAll(BACKGROUNDS);
        assertThat(text).contains("-app-fg", "-app-muted", "-app-danger");

        Map<String, String> light = rootColours(css("app.css"));
        Map<String, String> dark = new LinkedHashMap<>(light);
        dark.putAll(rootColours(css("app-dark.css")));
        List<String> failures = new java.util.ArrayList<>();
        for (var theme : Map.of("light", light, "dark", dark).entrySet()) {
            for (String bg : BACKGROUNDS) {
                for (String fg : text) {
                    check(failures, theme.getKey(), theme.getValue(), fg, bg, 4.5);
                }
                for (String icon : fills) {
                    check(failures, theme.getKey(), theme.getValue(), icon, bg, 3.0);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void check(
            List<String> failures, String theme, Map<String, String> colours, String fg, String bg, double minimum) {
        assertThat(colours).as(theme + " defines " + fg).containsKey(fg);
        assertThat(colours).as(theme + " defines " + bg).containsKey(bg);
        double ratio = contrast(colours.get(fg), colours.get(bg));
        if (ratio < minimum) {
            failures.add(String.format(
                    "%s: %s %s on %s %s = %.2f:1 (needs %.1f:1)",
                    theme, fg, colours.get(fg), bg, colours.get(bg), ratio, minimum));
        }
    }
}
