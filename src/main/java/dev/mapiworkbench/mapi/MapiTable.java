package dev.mapiworkbench.mapi;

import java.util.List;

/** IMAPITable: contents, hierarchy, message-stores and status tables. */
public interface MapiTable extends MapiUnknown {

    void setColumns(int[] tags, int flags);

    /** QueryRows from the cursor, advancing it; an empty list at the end. */
    List<Row> queryRows(int rowCount, int flags);

    int getRowCount(int flags);

    /** SeekRow from a bookmark (BOOKMARK_BEGINNING = 0); returns rows actually moved. */
    int seekRow(int bookmark, int rowCount);

    /** Advise for {@code fnevTableModified}; returns the connection number (8 bytes on x64). */
    long advise(int eventMask, AdviseSink sink);

    void unadvise(long connection);
}
