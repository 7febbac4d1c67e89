package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.css.CssParser;
import javafx.css.Declaration;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * The window's style sheets ship as binary style sheets too (decision 0821): JavaFX loads {@code X.bss} instead of
 * parsing {@code X.css} when it is there, so a binary sheet that no longer matches its text would style the window
 * differently from the text. Also: the status bar's copy of ControlsFX's style sheet still has ControlsFX's rules.
 */
class BinaryStyleSheetsTest {

    private static Path folder() throws Exception {
        return Path.of(new URL(StyleClasses.appStylesheet()).toURI()).getParent();
    }

    @Test
    void everyStyleSheetHasABinaryTwinWithTheSameRules() throws Exception {
        List<Path> sheets = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(folder(), "*.css")) {
            found.forEach(sheets::add);
        }
        assertThat(sheets)
                .extracting(p -> p.getFileName().toString())
                .contains("app.css", "app-dark.css", "teardown-panel.css", "controlsfx-statusbar.css");
        for (Path css : sheets) {
            Path bss = BinaryStyleSheets.binaryOf(css);
            assertThat(bss).as("binary twin of %s (the build writes it)", css).exists();
            Stylesheet text = new CssParser().parse(css.toUri().toURL());
            Stylesheet binary = Stylesheet.loadBinary(bss.toUri().toURL());
            assertThat(binary.getRules()).as(css.toString()).isNotEmpty();
            assertThat(rules(binary)).as(css.toString()).isEqualTo(rules(text));
        }
    }

    @Test
    void theStatusBarsCopyHasControlsFxsRules() throws Exception {
        URL controlsFx = org.controlsfx.control.StatusBar.class.getResource("statusbar.css");
        Stylesheet theirs = new CssParser().parse(controlsFx);
        Stylesheet ours = new CssParser().parse(new URL(StyleClasses.statusBarStylesheet()));
        assertThat(rules(ours)).isEqualTo(rules(theirs));
    }

    /** Each rule's selectors and declarations (a binary sheet decodes its declarations when they are asked for). */
    private static List<String> rules(Stylesheet sheet) {
        List<String> out = new ArrayList<>();
        for (Rule r : sheet.getRules()) {
            StringBuilder s = new StringBuilder(r.getSelectors().toString()).append(" {");
            for (Declaration d : r.getDeclarations()) {
                s.append(' ').append(d.getProperty()).append(": ").append(d.getParsedValue());
                s.append(d.isImportant() ? " !important;" : ";");
            }
            out.add(s.append(" }").toString());
        }
        return out;
    }
}
