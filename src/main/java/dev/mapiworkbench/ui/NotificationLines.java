package dev.mapiworkbench.ui;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Notifications tab's lines: each stamped with the local time, the newest {@code limit} kept (UI thread). */
final class NotificationLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final int limit;

    NotificationLines(int limit) {
        this.limit = limit;
    }

    /** Adds {@code line} with the time in front; the oldest lines go once there are more than the limit. */
    void add(String line) {
        lines.add(LocalDateTime.now(ZoneId.systemDefault()).format(TIME) + "  " + line);
        if (lines.size() > limit) {
            lines.remove(0, lines.size() - limit);
        }
    }

    ObservableList<String> lines() {
        return lines;
    }
}
