package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Restriction;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates a {@link Restriction} on one row's properties (the status and message-stores tables' rows,
 * a handful computed when read; decision 0411). A property the row lacks matches no property or bitmask
 * restriction and fails RES_EXIST, as "About Restrictions" describes for missing properties
 * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/about-restrictions).
 */
final class RowFilter {

    private RowFilter() {}

    /** Refuses what {@link #matches} cannot evaluate, with {@code tooComplex}'s exception. */
    static void check(Restriction r, Function<String, RuntimeException> tooComplex) {
        if (r == null) {
            return;
        }
        if (r instanceof Restriction.And a) {
            a.all().forEach(x -> check(x, tooComplex));
        } else if (r instanceof Restriction.Or o) {
            o.any().forEach(x -> check(x, tooComplex));
        } else if (r instanceof Restriction.Not n) {
            check(n.inner(), tooComplex);
        } else if (r instanceof Restriction.Property p) {
            if (p.relop() < Restriction.RELOP_LT || p.relop() > Restriction.RELOP_NE) {
                throw tooComplex.apply("relop " + p.relop() + " is not simulated");
            }
            if (p.value() == null || PropTag.type(p.value().tag()) != PropTag.type(p.propTag())) {
                throw tooComplex.apply(
                        "the value of a property restriction on " + PropTag.name(p.propTag()) + " has another type");
            }
        } else if (r instanceof Restriction.Bitmask b
                && b.relBmr() != Restriction.BMR_EQZ
                && b.relBmr() != Restriction.BMR_NEZ) {
            throw tooComplex.apply("relBMR " + b.relBmr() + " is not BMR_EQZ or BMR_NEZ");
        }
    }

    static boolean matches(Restriction r, Map<Integer, Object> row) {
        if (r instanceof Restriction.And a) {
            return a.all().stream().allMatch(x -> matches(x, row));
        }
        if (r instanceof Restriction.Or o) {
            return o.any().stream().anyMatch(x -> matches(x, row));
        }
        if (r instanceof Restriction.Not n) {
            return !matches(n.inner(), row);
        }
        if (r instanceof Restriction.Exist e) {
            return row.containsKey(e.propTag());
        }
        if (r instanceof Restriction.Bitmask b) {
            return row.get(b.propTag()) instanceof Integer v
                    && ((v & b.mask()) != 0) == (b.relBmr() == Restriction.BMR_NEZ);
        }
        Restriction.Property p = (Restriction.Property) r;
        Object v = row.get(p.propTag());
        return v != null && relop(p.relop(), compare(v, p.value()));
    }

    private static boolean relop(int relop, int c) {
        return switch (relop) {
            case Restriction.RELOP_LT -> c < 0;
            case Restriction.RELOP_LE -> c <= 0;
            case Restriction.RELOP_GT -> c > 0;
            case Restriction.RELOP_GE -> c >= 0;
            case Restriction.RELOP_EQ -> c == 0;
            default -> c != 0;
        };
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object rowValue, PropValue wanted) {
        Object w = wanted.value();
        if (rowValue instanceof byte[] a && w instanceof byte[] b) {
            return Arrays.compare(a, b);
        }
        if (rowValue instanceof Comparable<?> c && rowValue.getClass() == w.getClass()) {
            return ((Comparable<Object>) c).compareTo(w);
        }
        return rowValue.equals(w) ? 0 : 1;
    }
}
