package dev.mapiworkbench.app;

import java.util.Arrays;

/**
 * The jar's and the packaged app's main class. {@code lint} and {@code rules} as the first argument
 * run those tools ({@link ToolMain}); {@code --headless} runs the command line (no display
 * needed); anything else opens the window. A plain main class (not an Application
 * subclass) so that {@code java -jar} works with JavaFX on the class path.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        StartupPhases.PROCESS.mark("main");
        if (ToolMain.handles(args)) {
            System.exit(ToolMain.run(args));
        } else if (Arrays.asList(args).contains("--headless")) {
            System.exit(HeadlessMain.run(args));
        } else {
            WorkbenchApp.main(args);
        }
    }
}
