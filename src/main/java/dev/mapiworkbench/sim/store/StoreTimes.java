package dev.mapiworkbench.sim.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * PT_SYSTIME values as the store file keeps them: the text {@link Instant#toString()} wrote. Reading them back is
 * on every row read (the spooler's queue window, a moved message, a table's window), and {@link Instant#parse}'s
 * general formatter was an eighth of the spooler's CPU in a 100,000-message drain (decision 0731), so the form
 * {@code toString} writes for years 0000–9999, {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, is read by hand; anything else
 * goes to {@link Instant#parse} as before (same values, same exceptions).
 */
final class StoreTimes {

    private StoreTimes() {}

    /** The instant {@code text} names (DateTimeParseException as {@link Instant#parse} for bad text). */
    static Instant parse(CharSequence text) {
        int n = text.length();
        if (n < 20
                || n > 30
                || n == 21
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(n - 1) != 'Z'
                || (n > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nano = 0;
        int fraction = n - 21; // digits between '.' and 'Z'
        if (fraction > 0) {
            nano = digits(text, 20, fraction);
            for (int i = fraction; i < 9; i++) {
                nano *= 10;
            }
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || nano < 0) {
            return Instant.parse(text); // its own message for what is wrong (or a leap second it accepts)
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Instant.parse(text);
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nano);
    }

    /** The value of {@code count} decimal digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(CharSequence text, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
