package dev.mapiworkbench.app.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * The headless options of a run whose Logoff (MAPI_LOGOFF_UI) finds a message in flight, so that the simulated
 * transport asks "Finish sending …?": the store's Release blocks for a second first, so the spooler holds the
 * message (3 s per message) by then. For the replay tests of provider answers (decision 0840).
 */
public final class AskingLogoff {

    private AskingLogoff() {}

    /** The options, then {@code more} (an {@code --answer}, a profile, a transcript). */
    public static String[] options(String... more) {
        List<String> a = new ArrayList<>(List.of(
                "--send",
                "1",
                "--transport-latency",
                "3000",
                "--fault",
                "IMsgStore::Release=block:1000",
                "--logoff",
                "now",
                "--allow-ui"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }
}
