package dev.mapiworkbench.ui;

import dev.mapiworkbench.ui.SessionGateway.OutboxDelta;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import java.util.Arrays;

/**
 * The whole Outbox queue as the window's paged lists need it when a snapshot replaces the queue (a new logon, or
 * the change log no longer reaches back): every row's sequence number and state code, 9 bytes a row, instead of
 * a formatted row per message (decision 0860). The snapshot's {@code outbox} then holds the full rows of only
 * some of them ({@link SessionGateway.Snapshot#outbox()}). Immutable; the arrays are its own.
 */
public final class QueueIndex {

    /** State codes (the client's {@code OutboxIndex} codes). */
    public static final byte DRAFT = 0;

    public static final byte QUEUED = 1;
    public static final byte SENDING = 2;
    public static final byte SENT = 3;
    public static final byte FAILED = 4;
    /** Queued again after the server deferred it: "Retry now" helps. */
    public static final byte DEFERRED = 5;

    /**
     * The first rows of the queue a snapshot gives in full with an index, so the lists draw their first screen
     * without a page read ({@link QueueView#PAGE}).
     */
    public static final int FIRST_ROWS = QueueView.PAGE;

    /** A row of each state, as the lists' filters see it (they look at the state and whether it is pending). */
    private static final OutboxInfo[] SAMPLES = {
        new OutboxInfo("", "", "", "draft", false, "", null),
        new OutboxInfo("", "", "", "queued", true, "", null),
        new OutboxInfo("", "", "", "sending", true, "", null),
        new OutboxInfo("", "", "", "sent", false, "", null),
        new OutboxInfo("", "", "", "failed", false, "", null),
        new OutboxInfo("", "", "", "queued", true, "", "deferred"),
    };

    private final long[] seqs;
    private final byte[] codes;

    /** {@code seqs} ascending, {@code codes} parallel to them (both copied). */
    public QueueIndex(long[] seqs, byte[] codes) {
        if (seqs.length != codes.length) {
            throw new IllegalArgumentException("seqs and codes differ in length");
        }
        for (int i = 1; i < seqs.length; i++) {
            if (seqs[i - 1] >= seqs[i]) {
                throw new IllegalArgumentException("seqs not ascending at " + i);
            }
        }
        for (byte c : codes) {
            if (c < 0 || c >= SAMPLES.length) {
                throw new IllegalArgumentException("unknown state code " + c);
            }
        }
        this.seqs = seqs.clone();
        this.codes = codes.clone();
    }

    /** The number of rows. */
    public int size() {
        return seqs.length;
    }

    /** The sequence number of row {@code i}. */
    public long seq(int i) {
        return seqs[i];
    }

    /** The state code of row {@code i}. */
    public byte code(int i) {
        return codes[i];
    }

    /** A row of state {@code code} with no message in it: what a filter on the state sees. */
    static OutboxInfo sample(byte code) {
        return SAMPLES[code];
    }

    /** The state code of a row. */
    static byte codeOf(OutboxInfo o) {
        return switch (o.state()) {
            case "draft" -> DRAFT;
            case "queued" -> o.deferred() ? DEFERRED : QUEUED;
            case "sending" -> SENDING;
            case "sent" -> SENT;
            default -> FAILED;
        };
    }

    /** The sequence numbers of the rows whose state passes {@code filter}, ascending. */
    long[] seqsPassing(java.util.function.Predicate<OutboxInfo> filter) {
        boolean[] pass = new boolean[SAMPLES.length];
        for (byte c = 0; c < SAMPLES.length; c++) {
            pass[c] = filter.test(SAMPLES[c]);
        }
        int n = 0;
        for (byte c : codes) {
            if (pass[c]) {
                n++;
            }
        }
        long[] out = new long[n];
        int w = 0;
        for (int i = 0; i < seqs.length; i++) {
            if (pass[codes[i]]) {
                out[w++] = seqs[i];
            }
        }
        return out;
    }

    /** This index after {@code delta} (removals first, then each changed row at its number with its new state). */
    QueueIndex then(OutboxDelta delta) {
        long[] gone =
                delta.removedSeqs().stream().mapToLong(Long::longValue).sorted().toArray();
        long[] packed = new long[seqs.length + delta.changed().size()];
        int n = 0;
        java.util.Map<Long, Byte> changed = new java.util.HashMap<>();
        for (OutboxInfo o : delta.changed()) {
            if (o.seq() >= 0) {
                changed.put(o.seq(), codeOf(o));
            }
        }
        for (int i = 0; i < seqs.length; i++) {
            Byte c = changed.remove(seqs[i]);
            if (c == null && Arrays.binarySearch(gone, seqs[i]) >= 0) {
                continue;
            }
            packed[n++] = seqs[i] << 3 | (c == null ? codes[i] : c);
        }
        for (var e : changed.entrySet()) {
            packed[n++] = e.getKey() << 3 | e.getValue();
        }
        Arrays.sort(packed, 0, n);
        long[] s = new long[n];
        byte[] c = new byte[n];
        for (int i = 0; i < n; i++) {
            s[i] = packed[i] >>> 3;
            c[i] = (byte) (packed[i] & 7);
        }
        return new QueueIndex(s, c);
    }
}
