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

    /**
     * IMAPITable::CreateBookmark: marks the cursor's position; the value can be passed to {@link #seekRow}
     * as its origin until {@link #freeBookmark} frees it
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-createbookmark).
     * A backend without it answers MAPI_E_NO_SUPPORT.
     */
    default int createBookmark() {
        throw new MapiException(HResult.MAPI_E_NO_SUPPORT, "IMAPITable::CreateBookmark", "not supported here");
    }

    /**
     * IMAPITable::FreeBookmark: releases a bookmark made by {@link #createBookmark}
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-freebookmark).
     */
    default void freeBookmark(int bookmark) {
        throw new MapiException(HResult.MAPI_E_NO_SUPPORT, "IMAPITable::FreeBookmark", "not supported here");
    }
}
