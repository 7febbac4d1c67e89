package dev.mapiworkbench.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The store's reading of PT_SYSTIME text ({@link StoreTimes}, decision 0731) gives what {@link Instant#parse} gives:
 * for what {@link Instant#toString} writes (whole seconds, milli-, micro- and nanoseconds; leap days; 1970 and
 * before; years past 9999), and the same exception for text that is no instant.
 */
class StoreTimesTest {

    @Test
    void readsWhatInstantToStringWritesAsInstantParseDoes() {
        Random r = new Random(731);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long sec = min + (long) (r.nextDouble() * (max - min));
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(1_000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1_000;
                default -> r.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(sec, nano).toString();
            assertThat(StoreTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : new String[] {
            "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "2026-12-02T06:16:45.1Z"
        }) {
            assertThat(StoreTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void textThatIsNoInstantFailsAsInstantParseFails() {
        for (String text : new String[] {
            "2023-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-12-02T06:16:4xZ",
            "2026-12-02T06:16:45.12a4Z",
            "2026-12-02 06:16:45Z",
            "not a time",
            ""
        }) {
            assertThatThrownBy(() -> StoreTimes.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
        // what Instant.parse resolves rather than refuses, resolved the same (24:00 is the next day's start; an
        // empty fraction is none)
        for (String text : new String[] {"2026-12-02T24:00:00Z", "2026-12-02T06:16:45.Z"}) {
            assertThat(StoreTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }
}
