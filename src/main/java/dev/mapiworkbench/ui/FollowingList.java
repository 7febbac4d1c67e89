package dev.mapiworkbench.ui;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;

/**
 * A read-only list that shows another observable list, passing its changes on as they come, and that can be
 * switched to another list ({@link #follow}) or let go of it ({@link #detach}) with one change. It copies
 * nothing: {@link #get} reads the followed list, so a paged {@link QueueView} behind it is still read only
 * where a control looks (decision 0640). The window's message list follows either the selected folder's
 * messages or the paged Outbox; the logoff dialog's pending list follows the window's paged pending rows while
 * it is open and lets go of them when it closes, so a closed dialog is not kept alive by the window's list.
 * FX thread only.
 *
 * @param <T> the row type
 */
final class FollowingList<T> extends ObservableListBase<T> {

    private ObservableList<? extends T> source;
    private final ListChangeListener<T> relay = this::relay;

    FollowingList(ObservableList<? extends T> source) {
        this.source = source;
        source.addListener(relay);
    }

    /** The list shown now. */
    ObservableList<? extends T> source() {
        return source;
    }

    @Override
    public T get(int index) {
        return source.get(index);
    }

    @Override
    public int size() {
        return source.size();
    }

    /** The followed list's answer: a paged list finds its rows without reading pages ({@link QueueView#indexOf}). */
    @Override
    public int indexOf(Object o) {
        return source.indexOf(o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return source.lastIndexOf(o);
    }

    @Override
    public boolean contains(Object o) {
        return source.contains(o);
    }

    /** Shows {@code next} instead: one change, every row replaced (nothing when it is already shown). */
    void follow(ObservableList<? extends T> next) {
        if (next == source) {
            return;
        }
        List<T> was = shownNow(source);
        source.removeListener(relay);
        source = next;
        next.addListener(relay);
        beginChange();
        if (!was.isEmpty()) {
            nextRemove(0, was);
        }
        if (!next.isEmpty()) {
            nextAdd(0, next.size());
        }
        endChange();
    }

    /** Lets go of the followed list: empty from now on, and no longer one of its listeners. */
    void detach() {
        follow(FXCollections.emptyObservableList());
    }

    /** The rows of {@code list} as shown now, without making a paged list read any. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> shownNow(ObservableList<? extends T> list) {
        if (list instanceof QueueView<?> q) {
            return (List<T>) q.shownNow();
        }
        return new java.util.ArrayList<>(list);
    }

    private void relay(ListChangeListener.Change<? extends T> c) {
        beginChange();
        while (c.next()) {
            if (c.wasPermutated()) {
                int[] perm = new int[c.getTo() - c.getFrom()];
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    perm[i - c.getFrom()] = c.getPermutation(i);
                }
                nextPermutation(c.getFrom(), c.getTo(), perm);
            } else if (c.wasUpdated()) {
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    nextUpdate(i);
                }
            } else {
                if (c.wasRemoved()) {
                    nextRemove(c.getFrom(), c.getRemoved());
                }
                if (c.wasAdded()) {
                    nextAdd(c.getFrom(), c.getTo());
                }
            }
        }
        endChange();
    }
}
