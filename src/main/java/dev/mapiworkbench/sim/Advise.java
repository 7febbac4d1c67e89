package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EntryId;

/** One advise connection: owner object, optional entry-id filter, event mask and the client's sink. */
record Advise(long connection, SimObject owner, EntryId filter, int mask, AdviseSink sink) {

    boolean wants(int eventType) {
        return (mask & eventType) != 0;
    }
}
