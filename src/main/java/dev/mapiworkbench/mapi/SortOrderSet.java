package dev.mapiworkbench.mapi;

import java.util.List;

/**
 * SSortOrderSet, IMAPITable::SortTable's criteria (MAPIDefS.h:1144-1157 of microsoft/MAPIStubLibrary
 * at 43d4e58: the number of sorts, of categories and of expanded categories, then the array of
 * column-and-order pairs). An empty set asks for no particular order
 * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-sorttable).
 */
public record SortOrderSet(List<Sort> sorts, int categories, int expanded) {

    /** TABLE_SORT_ASCEND / TABLE_SORT_DESCEND / TABLE_SORT_COMBINE (MAPIDefS.h:1134-1136). */
    public static final int TABLE_SORT_ASCEND = 0x0;

    public static final int TABLE_SORT_DESCEND = 0x1;
    public static final int TABLE_SORT_COMBINE = 0x2;

    /** TBL_ASYNC / TBL_BATCH, the timing flags of SortTable and Restrict (MAPIDefS.h:1359-1360). */
    public static final int TBL_ASYNC = 0x1;

    public static final int TBL_BATCH = 0x2;

    /** One SSortOrder: a column and its order. */
    public record Sort(int propTag, int order) {}

    public SortOrderSet {
        sorts = List.copyOf(sorts);
    }

    /** Sorted by {@code sorts}, not categorized. */
    public static SortOrderSet of(Sort... sorts) {
        return new SortOrderSet(List.of(sorts), 0, 0);
    }
}
