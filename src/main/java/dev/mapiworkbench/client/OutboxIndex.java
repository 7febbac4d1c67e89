package dev.mapiworkbench.client;

/**
 * Every item of the Outbox queue model as a sequence number (ascending: the order first seen) and a state code,
 * at one model version: what a paging reader needs to know the queue's size and each row's place without
 * copying 100,000 items ({@link ClientSession#outboxIndex()}, decision 0530). The arrays are the reader's own.
 */
public final class OutboxIndex {

    /** State codes ({@link #code}). */
    public static final byte DRAFT = 0;

    public static final byte QUEUED = 1;
    public static final byte SENDING = 2;
    public static final byte SENT = 3;
    public static final byte FAILED = 4;
    /** Queued again after the server deferred it (a reply is known): "Retry now" helps. */
    public static final byte DEFERRED = 5;

    private final long version;
    private final long[] seqs;
    private final byte[] states;
    private final java.util.BitSet replied;

    OutboxIndex(long version, long[] seqs, byte[] states, java.util.BitSet replied) {
        this.version = version;
        this.seqs = seqs;
        this.states = states;
        this.replied = replied;
    }

    /** The model version this index is of. */
    public long version() {
        return version;
    }

    /** The items' sequence numbers, ascending (the array itself: do not change it). */
    public long[] seqs() {
        return seqs;
    }

    /** Each item's state code, parallel to {@link #seqs()} (the array itself). */
    public byte[] states() {
        return states;
    }

    /** True when the item at {@code i} has a server reply ({@link OutboxItem#reply()} not null). */
    public boolean hasReply(int i) {
        return replied.get(i);
    }

    /** The number of items. */
    public int size() {
        return seqs.length;
    }

    /** The state code of an item. */
    public static byte code(OutboxItem item) {
        return switch (item.state()) {
            case DRAFT -> DRAFT;
            case SUBMITTED -> item.reply() != null && !item.reply().isBlank() ? DEFERRED : QUEUED;
            case LOCKED -> SENDING;
            case SENT -> SENT;
            case FAILED -> FAILED;
        };
    }
}
