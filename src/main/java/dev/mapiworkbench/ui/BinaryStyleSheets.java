package dev.mapiworkbench.ui;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.css.Stylesheet;

/**
 * A build step (the pom runs it in {@code process-classes}, decision 0821): writes {@code X.bss} beside every
 * {@code X.css} in the given folders, JavaFX's binary form of the same style sheet ({@link
 * Stylesheet#convertToBinary}). JavaFX's style manager, asked for {@code X.css}, loads {@code X.bss} when it is
 * there and parses the text only when it is not, so the window's first frame loads no CSS parser, as JavaFX's own
 * Modena (shipped as {@code modena.bss}) does not. The text stays the source; {@code BinaryStyleSheetsTest} checks
 * that each binary sheet holds the same rules as its text.
 */
public final class BinaryStyleSheets {

    private BinaryStyleSheets() {}

    /** {@code folders}: where the style sheets are, e.g. {@code target/classes/dev/mapiworkbench/ui}. */
    public static void main(String... folders) throws IOException {
        for (String folder : folders) {
            try (DirectoryStream<Path> sheets = Files.newDirectoryStream(Path.of(folder), "*.css")) {
                for (Path css : sheets) {
                    Stylesheet.convertToBinary(css.toFile(), binaryOf(css).toFile());
                }
            }
        }
    }

    /** {@code X.bss} beside {@code X.css}. */
    static Path binaryOf(Path css) {
        String name = css.getFileName().toString();
        return css.resolveSibling(name.substring(0, name.length() - ".css".length()) + ".bss");
    }
}
