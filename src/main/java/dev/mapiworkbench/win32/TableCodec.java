package dev.mapiworkbench.win32;

import com.sun.jna.Pointer;
import dev.mapiworkbench.mapi.Restriction;
import dev.mapiworkbench.mapi.SortOrderSet;
import java.util.List;

/**
 * SRestriction and SSortOrderSet written into memory for IMAPITable::Restrict and ::SortTable (decision 0532).
 * The x64 layouts, from mingw {@code mapidefs.h} (measured with {@code offsetof} under x86_64-w64-mingw32-gcc;
 * SRestriction and SPropertyRestriction also in mapi-reference.md 4):
 * <ul>
 *   <li>SSortOrderSet (mapidefs.h:658): {@code cSorts} @0, {@code cCategories} @4, {@code cExpanded} @8,
 *       {@code aSort[]} @12; SSortOrder (mapidefs.h:653) is 8 bytes: {@code ulPropTag} @0, {@code ulOrder} @4;</li>
 *   <li>SRestriction (mapidefs.h:770) is 32 bytes: {@code rt} @0, the union @8;</li>
 *   <li>SAndRestriction / SOrRestriction (mapidefs.h:708, 713): {@code cRes} @0, {@code lpRes} @8 (an array of
 *       SRestriction); SNotRestriction (mapidefs.h:718): {@code ulReserved} @0, {@code lpRes} @8;</li>
 *   <li>SPropertyRestriction (mapidefs.h:735): {@code relop} @0, {@code ulPropTag} @4, {@code lpProp} @8;</li>
 *   <li>SBitMaskRestriction (mapidefs.h:729): {@code relBMR} @0, {@code ulPropTag} @4, {@code ulMask} @8;</li>
 *   <li>SExistRestriction (mapidefs.h:753): {@code ulReserved1} @0, {@code ulPropTag} @4, {@code ulReserved2} @8.</li>
 * </ul>
 * Every block comes from the call's {@link PropCodec.JavaAllocator}, so it lives until the call returns.
 */
final class TableCodec {

    static final int SRESTRICTION_SIZE = 32;
    static final int UNION = 8;
    static final int SSORTORDERSET_HEADER = 12;
    static final int SSORTORDER_SIZE = 8;

    private TableCodec() {}

    /** The SSortOrderSet for {@code s}. */
    static Pointer sortOrderSet(SortOrderSet s, PropCodec.JavaAllocator alloc) {
        List<SortOrderSet.Sort> sorts = s.sorts();
        Pointer p = alloc.allocate(SSORTORDERSET_HEADER + SSORTORDER_SIZE * Math.max(1, sorts.size()));
        p.setInt(0, sorts.size());
        p.setInt(4, s.categories());
        p.setInt(8, s.expanded());
        for (int i = 0; i < sorts.size(); i++) {
            long at = SSORTORDERSET_HEADER + (long) SSORTORDER_SIZE * i;
            p.setInt(at, sorts.get(i).propTag());
            p.setInt(at + 4, sorts.get(i).order());
        }
        return p;
    }

    /** The SRestriction for {@code r} (and the ones it holds). */
    static Pointer restriction(Restriction r, PropCodec.JavaAllocator alloc) {
        Pointer p = alloc.allocate(SRESTRICTION_SIZE);
        write(r, p, alloc);
        return p;
    }

    private static void write(Restriction r, Pointer p, PropCodec.JavaAllocator alloc) {
        p.setInt(0, r.type());
        Pointer u = p.share(UNION);
        if (r instanceof Restriction.And and) {
            list(and.all(), u, alloc);
        } else if (r instanceof Restriction.Or or) {
            list(or.any(), u, alloc);
        } else if (r instanceof Restriction.Not not) {
            u.setInt(0, 0);
            u.setPointer(8, restriction(not.inner(), alloc));
        } else if (r instanceof Restriction.Property prop) {
            u.setInt(0, prop.relop());
            u.setInt(4, prop.propTag());
            Pointer value = alloc.allocate(PropCodec.sizeOfSPropValue());
            PropCodec.encodeArray(List.of(prop.value()), value, alloc);
            u.setPointer(8, value);
        } else if (r instanceof Restriction.Bitmask bm) {
            u.setInt(0, bm.relBmr());
            u.setInt(4, bm.propTag());
            u.setInt(8, bm.mask());
        } else if (r instanceof Restriction.Exist ex) {
            u.setInt(0, 0);
            u.setInt(4, ex.propTag());
            u.setInt(8, 0);
        } else {
            throw new IllegalArgumentException("no SRestriction layout for " + r);
        }
    }

    /** SAndRestriction / SOrRestriction: the count and an array of SRestriction. */
    private static void list(List<Restriction> all, Pointer u, PropCodec.JavaAllocator alloc) {
        Pointer array = alloc.allocate(SRESTRICTION_SIZE * Math.max(1, all.size()));
        for (int i = 0; i < all.size(); i++) {
            write(all.get(i), array.share((long) SRESTRICTION_SIZE * i), alloc);
        }
        u.setInt(0, all.size());
        u.setPointer(8, array);
    }
}
