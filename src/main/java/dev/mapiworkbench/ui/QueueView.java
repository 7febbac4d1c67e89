package dev.mapiworkbench.ui;

import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.ObservableListBase;

/**
 * The Outbox queue's rows that pass a filter, each shown as a {@code T}, as a list the window pages in as it
 * scrolls (decision 0530): it holds every row's sequence
 * number ({@link OutboxInfo#seq()}, the order the client first saw the message; 8 bytes a row) but only the
 * rows it was asked for, at most {@value #CACHE} of them. A row not held is shown as a placeholder while its
 * page ({@value #PAGE} rows around it) is read off the FX thread ({@link Fetcher}); when the page comes back
 * the placeholders are replaced in place. The snapshots' deltas change it row by row with exact list changes
 * (added, removed, replaced at their index), so the table keeps its selection and scroll position and a change
 * costs the changed rows, not the queue's size. FX thread only. Read only: sorting it is refused (the
 * columns are not sortable).
 *
 * @param <T> what a row is shown as
 */
final class QueueView<T> extends ObservableListBase<T> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QueueView.class);

    /** Rows read per page. */
    static final int PAGE = 100;

    /** Rows held at most (the least recently read go first). */
    static final int CACHE = 2_000;

    /** Reads rows by sequence number off the FX thread and hands the page back on it. */
    @FunctionalInterface
    interface Fetcher {
        void fetch(long[] seqs, Consumer<QueuePage> done);
    }

    private record Held<T>(OutboxInfo info, T row, long version) {}

    private final java.util.function.Predicate<OutboxInfo> filter;
    private final java.util.function.Function<OutboxInfo, T> shown;

    /** The rows that pass {@code filter}, each shown as {@code shown} makes it. */
    QueueView(java.util.function.Predicate<OutboxInfo> filter, java.util.function.Function<OutboxInfo, T> shown) {
        this.filter = filter;
        this.shown = shown;
    }

    /** Every row as it is. */
    static QueueView<OutboxInfo> all() {
        return new QueueView<>(o -> true, o -> o);
    }

    /** The rows' sequence numbers, ascending. */
    private long[] seqs = new long[16];

    private int size;
    private final Map<Long, Held<T>> held = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Held<T>> eldest) {
            return !everything && !pinned && size() > CACHE;
        }
    };
    private final Set<Long> inFlight = new HashSet<>();
    /** True when the snapshots carry every row (a gateway that cannot page): every row is held. */
    private boolean everything = true;
    /** True while an addition is announced: its rows stay held until the listeners have read them. */
    private boolean pinned;
    /** Grows with every {@link #reset}: a page asked for before it is dropped (numbers start again per logon). */
    private long epoch;

    /** An object compared by identity: the key of {@link #stoodFor}. */
    private record Lent(Object row) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Lent l && l.row == row;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(row);
        }
    }

    /** A {@link #stoodFor} value: the same object stood for more than one row (e.g. a constant placeholder). */
    private static final long AMBIGUOUS = Long.MIN_VALUE;

    /**
     * The row (sequence number) each placeholder handed out by {@link #get}, and each row a change replaced, stood
     * for: {@link #indexOf} finds where that row is now, so a control that looks its selected item up again after
     * a replacement keeps the row selected (the newest {@value #STOOD_FOR} such objects).
     */
    private final Map<Lent, Long> stoodFor = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Lent, Long> eldest) {
            return size() > STOOD_FOR;
        }
    };

    /** Objects {@link #stoodFor} remembers at most. */
    private static final int STOOD_FOR = 4_096;

    private Fetcher fetcher = (s, done) -> done.accept(QueuePage.NONE);
    /** Rows read so far (tests and the bench count the rows this list asked for). */
    private long rowsRead;

    /** Where pages come from. */
    void fetcher(Fetcher f) {
        this.fetcher = f;
    }

    @Override
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        Held<T> h = held.get(seqs[index]);
        if (h != null) {
            return h.row();
        }
        request(index);
        T placeholder = placeholderRow(seqs[index]);
        stoodFor(placeholder, seqs[index]);
        return placeholder;
    }

    private void stoodFor(T row, long seq) {
        Long before = stoodFor.put(new Lent(row), seq);
        if (before != null && before != seq) {
            stoodFor.put(new Lent(row), AMBIGUOUS);
        }
    }

    /**
     * Where {@code o} is, without reading any page: a placeholder this list handed out, or a row one of its changes
     * replaced, is found where the row it stood for is now; otherwise the first held row equal to {@code o}; -1
     * when neither (a row not held is not compared). JavaFX's selection and focus models look their item up with
     * {@code indexOf} after every replacement: the walk {@code AbstractList} does would read every page of the
     * queue, and a placeholder that gave way to its row would never be found, so the selection was cleared.
     */
    @Override
    public int indexOf(Object o) {
        int at = where(o);
        return at >= 0 ? at : heldIndex(o, false);
    }

    @Override
    public int lastIndexOf(Object o) {
        int at = where(o);
        return at >= 0 ? at : heldIndex(o, true);
    }

    /** The first (or last) index of a held row equal to {@code o}, or -1. */
    private int heldIndex(Object o, boolean last) {
        int found = -1;
        for (Map.Entry<Long, Held<T>> e : held.entrySet()) {
            if (java.util.Objects.equals(e.getValue().row(), o)) {
                int i = Arrays.binarySearch(seqs, 0, size, e.getKey());
                if (i >= 0 && (found < 0 || (last ? i > found : i < found))) {
                    found = i;
                }
            }
        }
        return found;
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    /** The index of the row {@code o} stood for, or -1. */
    private int where(Object o) {
        Long seq = o == null ? null : stoodFor.get(new Lent(o));
        if (seq == null || seq == AMBIGUOUS) {
            return -1;
        }
        return Math.max(-1, Arrays.binarySearch(seqs, 0, size, seq));
    }

    private T placeholderRow(long seq) {
        return shown.apply(placeholder(seq));
    }

    @Override
    public int size() {
        return size;
    }

    /** Rows held now (at most {@value #CACHE}, or every row when the gateway cannot page). */
    int heldRows() {
        return held.size();
    }

    /** Rows read through the {@link Fetcher} so far. */
    long rowsRead() {
        return rowsRead;
    }

    /** The row at {@code index} when it is held (null while it is being read). */
    T heldAt(int index) {
        Held<T> h = held.get(seqs[index]);
        return h == null ? null : h.row();
    }

    /**
     * The rows as shown now, held ones as they are and the others as placeholders, without asking for any page
     * (what a list that stops showing this one reports as removed).
     */
    java.util.List<T> shownNow() {
        return new java.util.AbstractList<T>() {
            @Override
            public T get(int index) {
                T h = heldAt(index);
                return h != null ? h : placeholderRow(seqs[index]);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /**
     * Every held row shown again (what a row is shown as changed, e.g. the Outbox folder's name): one change,
     * the rows replaced where they are.
     */
    void reshow() {
        if (size == 0) {
            return;
        }
        List<T> was = new ArrayList<>(shownNow());
        held.forEach((s, h) -> stoodFor(h.row(), s));
        held.replaceAll((s, h) -> new Held<>(h.info(), shown.apply(h.info()), h.version()));
        beginChange();
        nextRemove(0, was);
        nextAdd(0, size);
        endChange();
    }

    /** A row not read yet: its subject says so. */
    static OutboxInfo placeholder(long seq) {
        return new OutboxInfo("", "…", "", "", false, "", null, seq);
    }

    /** True for a row {@link #placeholder} made. */
    static boolean isPlaceholder(OutboxInfo o) {
        return o.key().isEmpty() && "…".equals(o.subject());
    }

    /**
     * Every row anew: {@code rows} is the whole queue (each with its sequence number); the first {@code keep}
     * of those that pass the filter are held (with {@code all} true every row is held and the list never
     * pages). One change: everything replaced.
     */
    void reset(List<OutboxInfo> rows, int keep, boolean all) {
        replaceAll(
                rows.stream().filter(filter).mapToLong(OutboxInfo::seq).sorted().toArray(), rows, keep, all);
    }

    /**
     * Every row anew from the queue's index (decision 0860): the rows whose state passes the filter, of which those
     * in {@code given} (full rows, each with its sequence number) that pass the filter are held when they are among
     * the first {@code keep}; the others are read by page when shown. One change: everything replaced.
     */
    void reset(QueueIndex index, List<OutboxInfo> given, int keep) {
        replaceAll(index.seqsPassing(filter), given, keep, false);
    }

    /** The rows {@code newSeqs} (ascending), holding those of {@code rows} among the first {@code keep}. */
    private void replaceAll(long[] newSeqs, List<OutboxInfo> rows, int keep, boolean all) {
        int oldSize = size;
        seqs = newSeqs.length < 16 ? Arrays.copyOf(newSeqs, 16) : newSeqs;
        size = newSeqs.length;
        everything = all;
        epoch++;
        held.clear();
        inFlight.clear();
        stoodFor.clear();
        long threshold = all || size <= keep ? Long.MAX_VALUE : keep <= 0 ? -1 : seqs[keep - 1];
        for (OutboxInfo o : rows) {
            if (o.seq() <= threshold && filter.test(o) && Arrays.binarySearch(seqs, 0, size, o.seq()) >= 0) {
                held.put(o.seq(), new Held<>(o, shown.apply(o), -1));
            }
        }
        beginChange();
        if (oldSize > 0) {
            nextRemove(0, Collections.nCopies(oldSize, placeholderRow(-1)));
        }
        if (size > 0) {
            nextAdd(0, size);
        }
        endChange();
    }

    /**
     * One delta: {@code removed} sequence numbers leave, each of {@code changed} is added at its place (by
     * {@link OutboxInfo#seq()}) or replaces the row it was. Three list changes at most: the removals (in runs),
     * the additions, the rows replaced.
     */
    void apply(List<OutboxInfo> changed, List<Long> removed, long version) {
        List<Long> leaving = new ArrayList<>(removed);
        for (OutboxInfo o : changed) {
            if (!filter.test(o)) {
                leaving.add(o.seq()); // no longer one of these rows (e.g. sent)
            }
        }
        removeSeqs(leaving);
        List<OutboxInfo> added = new ArrayList<>();
        List<Long> replaced = new ArrayList<>();
        List<T> replacedOld = new ArrayList<>();
        for (OutboxInfo o : changed) {
            if (!filter.test(o)) {
                continue;
            }
            int i = Arrays.binarySearch(seqs, 0, size, o.seq());
            if (i < 0) {
                added.add(o);
                continue;
            }
            Held<T> old = held.get(o.seq());
            if (old == null && inFlight.contains(o.seq())) {
                held.put(o.seq(), new Held<>(o, shown.apply(o), version)); // a placeholder until now
                replaced.add(o.seq());
                replacedOld.add(placeholderRow(o.seq()));
            } else if (old != null && old.version() <= version && !old.info().equals(o)) {
                held.put(o.seq(), new Held<>(o, shown.apply(o), version));
                replaced.add(o.seq());
                replacedOld.add(old.row());
                stoodFor(old.row(), o.seq());
            }
        }
        insert(added, version);
        if (!replaced.isEmpty()) {
            beginChange(); // the places after the additions
            for (int k = 0; k < replaced.size(); k++) {
                nextSet(Arrays.binarySearch(seqs, 0, size, replaced.get(k)), replacedOld.get(k));
            }
            endChange();
        }
    }

    private void removeSeqs(List<Long> removed) {
        List<Integer> at = new ArrayList<>();
        for (long s : removed) {
            int i = Arrays.binarySearch(seqs, 0, size, s);
            if (i >= 0) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return;
        }
        Collections.sort(at);
        at = new ArrayList<>(new java.util.TreeSet<>(at));
        List<T> gone = new ArrayList<>(at.size());
        for (int i : at) {
            Held<T> h = held.remove(seqs[i]);
            inFlight.remove(seqs[i]);
            gone.add(h == null ? placeholderRow(seqs[i]) : h.row());
        }
        // compact once in place (the rows between two removed ones move down as a block: no copy of the queue's
        // numbers per delta), then one change with a removal per run of neighbours (last run first)
        int w = at.get(0);
        for (int k = 0; k < at.size(); k++) {
            int from = at.get(k) + 1;
            int to = k + 1 < at.size() ? at.get(k + 1) : size;
            System.arraycopy(seqs, from, seqs, w, to - from);
            w += to - from;
        }
        size = w;
        beginChange();
        int end = at.size() - 1;
        while (end >= 0) {
            int start = end;
            while (start > 0 && at.get(start - 1) == at.get(start) - 1) {
                start--;
            }
            nextRemove(at.get(start), gone.subList(start, end + 1));
            end = start - 1;
        }
        endChange();
    }

    private void insert(List<OutboxInfo> added, long version) {
        if (added.isEmpty()) {
            return;
        }
        added.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        long[] merged = new long[Math.max(16, size + added.size())];
        int[] at = new int[added.size()];
        int i = 0;
        int j = 0;
        int w = 0;
        while (i < size || j < added.size()) {
            if (j < added.size() && (i >= size || added.get(j).seq() < seqs[i])) {
                at[j] = w;
                merged[w++] = added.get(j++).seq();
            } else {
                merged[w++] = seqs[i++];
            }
        }
        seqs = merged;
        size = w;
        pinned = true;
        try {
            for (OutboxInfo o : added) {
                held.put(o.seq(), new Held<>(o, shown.apply(o), version));
            }
            beginChange();
            int end = 0;
            while (end < at.length) {
                int start = end;
                while (end + 1 < at.length && at[end + 1] == at[end] + 1) {
                    end++;
                }
                nextAdd(at[start], at[end] + 1);
                end++;
            }
            endChange();
        } finally {
            pinned = false;
            trim();
        }
    }

    /** Lets go of the least recently read rows over {@value #CACHE}. */
    private void trim() {
        if (everything) {
            return;
        }
        var it = held.entrySet().iterator();
        while (held.size() > CACHE && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** Reads the page of {@code index} (the rows of it not held or already asked for). */
    private void request(int index) {
        if (everything) {
            return;
        }
        int from = Math.max(0, Math.min(index - PAGE / 2, size - PAGE));
        int to = Math.min(size, from + PAGE);
        List<Long> want = new ArrayList<>();
        for (int i = from; i < to; i++) {
            long s = seqs[i];
            if (!held.containsKey(s) && inFlight.add(s)) {
                want.add(s);
            }
        }
        if (want.isEmpty()) {
            return;
        }
        long[] asked = want.stream().mapToLong(Long::longValue).toArray();
        long askedIn = epoch;
        try {
            fetcher.fetch(asked, page -> arrived(askedIn, asked, page));
        } catch (RuntimeException e) {
            // the window is closing (its executor refuses work): the rows stay placeholders
            want.forEach(inFlight::remove);
            LOG.debug("Outbox rows not read: {}", e.toString());
        }
    }

    /** A page came back: its rows replace their placeholders (a row newer than the page is kept). */
    private void arrived(long askedIn, long[] asked, QueuePage page) {
        if (askedIn != epoch) {
            return; // asked before a new logon or a reload: these numbers meant other rows
        }
        for (long s : asked) {
            inFlight.remove(s);
        }
        rowsRead += page.rows().size();
        List<Integer> at = new ArrayList<>();
        List<T> old = new ArrayList<>();
        for (OutboxInfo o : page.rows()) {
            int i = Arrays.binarySearch(seqs, 0, size, o.seq());
            if (i < 0) {
                continue; // it left meanwhile
            }
            Held<T> h = held.get(o.seq());
            if (h == null || h.version() < page.version()) {
                held.put(o.seq(), new Held<>(o, shown.apply(o), page.version()));
                at.add(i);
                old.add(h == null ? placeholderRow(o.seq()) : h.row());
                if (h != null) {
                    stoodFor(h.row(), o.seq());
                }
            }
        }
        if (at.isEmpty()) {
            return;
        }
        beginChange();
        for (int k = 0; k < at.size(); k++) {
            nextSet(at.get(k), old.get(k));
        }
        endChange();
    }
}
