package dev.mapiworkbench.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * What Help › About shows: the version, the MAPI backend, the profile folder, and the documents
 * (paths or URLs) the dialog links to.
 *
 * @param version  the application version ("0.1.0"), or "development build" when unknown
 * @param backend  the backend's name ("sim", "win32")
 * @param profile  the profile folder in use
 * @param docs     the documents to link, in order (README first)
 */
public record AboutInfo(String version, String backend, Path profile, List<String> docs) {

    public AboutInfo {
        docs = List.copyOf(docs);
    }
}
