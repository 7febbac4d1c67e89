package dev.mapiworkbench.app.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Expands {@code --scenario FILE|NAME} on a command line: the scenario's own options go first, then
 * every argument as given, so what the user typed after the scenario wins (picocli is set to let a
 * later single-valued option overwrite an earlier one; repeatable options such as {@code --fault}
 * add up). The {@code --scenario} argument stays in place so the run records where it came from.
 */
public final class ScenarioArguments {

    private ScenarioArguments() {}

    /** The result: the arguments to parse and the scenario (null when none was given). */
    @SuppressWarnings("ArrayRecordComponent") // handed straight to picocli, never compared
    public record Expanded(String[] arguments, Scenario scenario) {}

    /**
     * Expands the first {@code --scenario}.
     *
     * @throws ScenarioReader.ScenarioException when the scenario cannot be read (one line to show)
     */
    public static Expanded expand(String[] args) throws ScenarioReader.ScenarioException {
        return expand(args, Scenario::toArguments);
    }

    /**
     * Expands the first {@code --scenario} into the options {@code asOptions} gives for it: the window
     * passes {@link Scenario#toWindowArguments()}, since it applies the queued mail and the logoff
     * itself, as File ▸ Open scenario… does.
     *
     * @throws ScenarioReader.ScenarioException when the scenario cannot be read (one line to show)
     */
    public static Expanded expand(String[] args, Function<Scenario, List<String>> asOptions)
            throws ScenarioReader.ScenarioException {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--scenario")) {
                if (i + 1 >= args.length) {
                    throw new ScenarioReader.ScenarioException("--scenario needs a file or a built-in name");
                }
                value = args[i + 1];
                break;
            }
            if (args[i].startsWith("--scenario=")) {
                value = args[i].substring("--scenario=".length());
                break;
            }
        }
        if (value == null) {
            return new Expanded(args, null);
        }
        Scenario s = ScenarioReader.load(value);
        List<String> out = new ArrayList<>(asOptions.apply(s));
        out.addAll(Arrays.asList(args));
        return new Expanded(out.toArray(String[]::new), s);
    }

    /** The catalogue of built-in scenarios, one block per scenario, for {@code --list-scenarios}. */
    public static String catalogue() {
        StringBuilder sb = new StringBuilder();
        for (Scenario s : ScenarioReader.builtins()) {
            sb.append(s.name()).append('\n');
            if (s.purpose() != null) {
                sb.append("    ").append(s.purpose()).append('\n');
            }
            if (s.watchFor() != null) {
                sb.append("    watch for: ").append(s.watchFor()).append('\n');
            }
            sb.append("    options: ")
                    .append(String.join(" ", quoteAll(s.toArguments())))
                    .append('\n');
        }
        return sb.toString();
    }

    /** Arguments quoted for a POSIX shell where they need it. */
    public static List<String> quoteAll(List<String> args) {
        return args.stream().map(ScenarioArguments::shellQuote).toList();
    }

    public static String shellQuote(String a) {
        if (!a.isEmpty() && a.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return a;
        }
        return "'" + a.replace("'", "'\\''") + "'";
    }
}
