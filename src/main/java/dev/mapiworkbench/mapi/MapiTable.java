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

    /**
     * IMAPITable::SortTable: orders the table's rows; the cursor returns to the beginning and every
     * bookmark is freed (MS-OXCTABL 3.2.5.3). A table that cannot sort as asked answers
     * MAPI_E_TOO_COMPLEX or MAPI_E_NO_SUPPORT
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-sorttable).
     */
    default void sortTable(SortOrderSet criteria, int flags) {
        throw new MapiException(HResult.MAPI_E_NO_SUPPORT, "IMAPITable::SortTable", "not supported here");
    }

    /**
     * IMAPITable::Restrict: limits the rows to those {@code restriction} matches ({@code null}: removes
     * the filter); the cursor returns to the beginning and every bookmark is freed; a filter the table
     * cannot apply is MAPI_E_TOO_COMPLEX
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-restrict).
     */
    default void restrict(Restriction restriction, int flags) {
        throw new MapiException(HResult.MAPI_E_NO_SUPPORT, "IMAPITable::Restrict", "not supported here");
    }
}
