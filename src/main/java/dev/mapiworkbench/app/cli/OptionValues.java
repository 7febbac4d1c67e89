package dev.mapiworkbench.app.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way the command line's options turn text into values ({@link CommonOptions}, {@link SmtpOptions},
 * {@link HeadlessArguments}): a parser's {@link IllegalArgumentException} becomes one line that names the
 * option first (docs/cli.md: every bad argument is one line naming the option), raised as the caller's own
 * exception or returned as a message.
 */
final class OptionValues {

    /** Longer values are cut in a message, so one bad argument stays one readable line. */
    private static final int SHOWN = 80;

    private OptionValues() {}

    /** {@code parser} applied to {@code text}; else {@code bad} of "{@code option}: why". */
    static <T> T parse(
            String option, String text, Function<String, T> parser, Function<String, ? extends RuntimeException> bad) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw bad.apply(option + ": " + e.getMessage());
        }
    }

    /**
     * {@code parser} applied to {@code text}; else {@code bad} of "invalid value for {@code option}: 'text'
     * (expected {@code expected})", for a value from a fixed set.
     */
    static <T> T choice(
            String option,
            String text,
            Function<String, T> parser,
            String expected,
            Function<String, ? extends RuntimeException> bad) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw bad.apply(invalid(option, text, "expected " + expected));
        }
    }

    /** "invalid value for {@code option}: 'text' ({@code why})". */
    static String invalid(String option, String text, String why) {
        return "invalid value for " + option + ": '" + text + "' (" + why + ")";
    }

    /** Null when {@code text} parses, else "{@code option}: why". */
    static String problem(String option, String text, Consumer<String> parser) {
        try {
            parser.accept(text);
            return null;
        } catch (IllegalArgumentException e) {
            return option + ": " + e.getMessage();
        }
    }

    /** Null when every value of a repeatable option parses, else "{@code option} 'value': why" for the first. */
    static String firstBad(String option, List<String> values, Consumer<String> parser) {
        for (String v : values) {
            String why =
                    problem(option + " '" + (v.length() > SHOWN ? v.substring(0, SHOWN) + "…" : v) + "'", v, parser);
            if (why != null) {
                return why;
            }
        }
        return null;
    }
}
