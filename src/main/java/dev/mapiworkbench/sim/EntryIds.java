package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.EntryId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The simulator's ENTRYID layout: 4 zero flag bytes, a 16-byte provider UID (the store's record key,
 * or {@link #STATUS_UID} for status rows), one type byte and an 8-byte big-endian id. 29 bytes.
 */
final class EntryIds {

    static final int STORE = 1;
    static final int FOLDER = 2;
    static final int MESSAGE = 3;
    static final int STATUS = 4;

    /** Status rows: 0 subsystem, 1 spooler, 2 transport. */
    static final long ROW_SUBSYSTEM = 0;

    static final long ROW_SPOOLER = 1;
    static final long ROW_TRANSPORT = 2;

    static final byte[] STATUS_UID = Arrays.copyOf("SIM-MAPI-STATUS!".getBytes(StandardCharsets.US_ASCII), 16);

    private static final int LENGTH = 4 + 16 + 1 + 8;

    private EntryIds() {}

    @SuppressWarnings("ArrayRecordComponent") // compared with uidEquals, never with equals
    record Parsed(byte[] uid, int type, long id) {
        boolean uidEquals(byte[] other) {
            return Arrays.equals(uid, other);
        }
    }

    static EntryId make(byte[] uid, int type, long id) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putInt(0);
        b.put(uid, 0, 16);
        b.put((byte) type);
        b.putLong(id);
        return new EntryId(b.array());
    }

    /** Null when the bytes are not one of ours. */
    static Parsed parse(EntryId entryId) {
        if (entryId == null) {
            return null;
        }
        byte[] bytes = entryId.bytes();
        if (bytes.length != LENGTH) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != 0) {
            return null;
        }
        byte[] uid = new byte[16];
        b.get(uid);
        int type = b.get();
        long id = b.getLong();
        if (type < STORE || type > STATUS) {
            return null;
        }
        return new Parsed(uid, type, id);
    }

    /** An 8-byte PR_INSTANCE_KEY for a row. */
    static byte[] instanceKey(long id) {
        return ByteBuffer.allocate(8).putLong(id).array();
    }
}
