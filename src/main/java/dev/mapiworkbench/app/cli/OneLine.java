package dev.mapiworkbench.app.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an error message fit one line of stderr: control characters (a newline in a value) become
 * {@code ?}, and any single word longer than {@value #MAX_WORD} characters (a huge bad value, a
 * path of thousands of characters) is cut, saying how long it was (issue 11, item 9).
 */
public final class OneLine {

    /** Longest word kept whole. */
    public static final int MAX_WORD = 120;

    private static final int KEEP = 80;
    private static final Pattern LONG_WORD = Pattern.compile("\\S{" + (MAX_WORD + 1) + ",}");
    private static final int MAX_LINE = 2000;

    private OneLine() {}

    /** The message on one line with long words cut. */
    public static String of(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(Math.min(message.length(), 1 << 16));
        message.codePoints().limit(1 << 16).forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        Matcher m = LONG_WORD.matcher(clean);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(w.substring(0, KEEP) + "…(" + w.length() + " chars)"));
        }
        m.appendTail(out);
        return out.length() <= MAX_LINE ? out.toString() : out.substring(0, MAX_LINE) + "…";
    }
}
