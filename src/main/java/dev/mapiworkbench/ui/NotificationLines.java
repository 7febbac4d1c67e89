package dev.mapiworkbench.ui;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Notifications tab's lines: each stamped with the local time it arrived, the newest {@code limit} kept.
 * The session's notifications arrive on other threads, four per sent message while the Outbox drains: they are
 * {@link #offer}ed (any thread) and reach the list in batches ({@link #flush}, UI thread): one addition and at
 * most one removal per batch, whatever its size, and a line that the limit would drop before it is shown is
 * neither stamped nor added. A line {@link #add}ed on the UI thread comes after every line offered before it.
 */
final class NotificationLines {

    /** The stamp is "HH:mm:ss.SSS": this part is formatted once per second, the milliseconds appended. */
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss.");

    /** A line offered and not yet in the list, with the time it arrived. */
    private record Pending(long millis, String line) {}

    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final int limit;
    private final ZoneId zone = ZoneId.systemDefault();

    @GuardedBy("this")
    private ArrayDeque<Pending> pending = new ArrayDeque<>();

    /** The second of the last stamp made and its text (UI thread). */
    private long stampSecond = Long.MIN_VALUE;

    private String secondText = "";

    NotificationLines(int limit) {
        this.limit = limit;
    }

    /**
     * A line from any thread, stamped now and added at the next {@link #flush}. Returns true when it is the first
     * line waiting (the caller then schedules the flush); only the newest {@code limit} wait.
     */
    boolean offer(String line) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            pending.addLast(new Pending(now, line));
            if (pending.size() > limit) {
                pending.removeFirst();
            }
            return pending.size() == 1;
        }
    }

    /** The lines offered so far, added with one change (UI thread); the oldest go once there are more than the limit. */
    void flush() {
        ArrayDeque<Pending> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayDeque<>();
        }
        List<String> stamped = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            stamped.add(stamped(p.millis(), p.line()));
        }
        append(stamped);
    }

    /** Adds {@code line} with the time in front, after the lines offered before it (UI thread). */
    void add(String line) {
        flush();
        append(List.of(stamped(System.currentTimeMillis(), line)));
    }

    private void append(List<String> batch) {
        int keep = Math.min(limit, lines.size() + batch.size());
        int drop = lines.size() + batch.size() - keep;
        if (drop >= lines.size()) {
            // the batch alone fills the log: one replacement
            lines.setAll(batch.subList(batch.size() - keep, batch.size()));
            return;
        }
        lines.addAll(batch);
        if (drop > 0) {
            lines.remove(0, drop);
        }
    }

    private String stamped(long millis, String line) {
        long second = Math.floorDiv(millis, 1000);
        if (second != stampSecond) {
            stampSecond = second;
            secondText =
                    LocalDateTime.ofInstant(Instant.ofEpochSecond(second), zone).format(SECOND);
        }
        int ms = Math.floorMod(millis, 1000);
        return secondText + (char) ('0' + ms / 100) + (char) ('0' + ms / 10 % 10) + (char) ('0' + ms % 10) + "  "
                + line;
    }

    ObservableList<String> lines() {
        return lines;
    }
}
