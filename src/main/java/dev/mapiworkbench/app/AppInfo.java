package dev.mapiworkbench.app;

import dev.mapiworkbench.ui.AboutInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The version and the documentation Help › About shows. */
public final class AppInfo {

    /** The documents About links to, relative to the project (or the image's docs folder). */
    static final List<String> DOCS =
            List.of("README.md", "docs/automation.md", "docs/cli.md", "docs/transcript.md", "docs/install.md");

    private AppInfo() {}

    /** The version from the jar's Maven metadata, else "development build" (classes run from the IDE). */
    public static String version() {
        String v = AppInfo.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in =
                AppInfo.class.getResourceAsStream("/META-INF/maven/dev.mapiworkbench/mapi-workbench/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "development build");
            }
        } catch (IOException e) {
            // fall through: the version is only shown
        }
        return "development build";
    }

    /**
     * The documents that exist next to the code: the source tree's README and docs/ (running from
     * target/), or the docs folder the app-image carries (lib/app/docs); as file URIs.
     */
    static List<String> docs() {
        List<String> found = new ArrayList<>();
        try {
            Path code = Path.of(AppInfo.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path base = code.getParent();
            for (Path root :
                    new Path[] {base == null ? null : base.resolve("docs"), base == null ? null : base.getParent()}) {
                if (root == null || !found.isEmpty()) {
                    continue;
                }
                for (String doc : DOCS) {
                    Path p = root.resolve(doc);
                    if (Files.isRegularFile(p)) {
                        found.add(p.toUri().toString());
                    }
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): no links
        }
        return found;
    }

    static AboutInfo about(String backend, Path profile) {
        return new AboutInfo(version(), backend, profile, docs());
    }
}
