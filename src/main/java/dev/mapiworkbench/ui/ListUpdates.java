package dev.mapiworkbench.ui;

import java.util.List;
import javafx.collections.ObservableList;

/**
 * Brings an observable list to a new content by changing only the run of rows between the longest equal
 * head and the longest equal tail, in one change: a snapshot of 12,000 open objects in which a few were
 * released costs a comparison pass and one small change, not a replacement of every row (which makes the
 * table re-read every visible cell and copies the whole list into the change event). FX thread, like the
 * list. Rows added or removed in one run (objects opened at the end, a run released in the middle, as a
 * teardown releases them) are one change; anything else is a removal and an addition of the range that
 * differs.
 */
final class ListUpdates {

    private ListUpdates() {}

    /** Makes {@code list} equal to {@code now}; returns whether it changed. */
    static <T> boolean update(ObservableList<T> list, List<T> now) {
        int oldSize = list.size();
        int newSize = now.size();
        int head = 0;
        int limit = Math.min(oldSize, newSize);
        while (head < limit && list.get(head).equals(now.get(head))) {
            head++;
        }
        if (head == oldSize && head == newSize) {
            return false;
        }
        int tail = 0;
        while (tail < limit - head && list.get(oldSize - 1 - tail).equals(now.get(newSize - 1 - tail))) {
            tail++;
        }
        int oldEnd = oldSize - tail;
        int newEnd = newSize - tail;
        if (head == 0 && tail == 0) {
            list.setAll(now);
        } else if (oldEnd == head) {
            list.addAll(head, now.subList(head, newEnd));
        } else if (newEnd == head) {
            list.remove(head, oldEnd);
        } else {
            list.remove(head, oldEnd);
            list.addAll(head, now.subList(head, newEnd));
        }
        return true;
    }
}
