package dev.mapiworkbench.mapi;

import java.util.List;

/**
 * SRestriction, IMAPITable::Restrict's filter (MAPIDefS.h:1192-1330 of microsoft/MAPIStubLibrary at
 * 43d4e58), for the kinds the Workbench builds: AND, OR, NOT, property, bitmask and exist. A null
 * restriction passed to Restrict removes the filter
 * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-restrict).
 */
public sealed interface Restriction {

    /** RES_* (MAPIDefS.h:1195-1205; RES_PROPERTY 4 also in mapi-reference.md 2.7). */
    int RES_AND = 0;

    int RES_OR = 1;
    int RES_NOT = 2;
    int RES_PROPERTY = 4;
    int RES_BITMASK = 6;
    int RES_EXIST = 8;

    /** RELOP_* (MAPIDefS.h:1209-1215; RELOP_EQ 4 also in mapi-reference.md 2.7). */
    int RELOP_LT = 0;

    int RELOP_LE = 1;
    int RELOP_GT = 2;
    int RELOP_GE = 3;
    int RELOP_EQ = 4;
    int RELOP_NE = 5;

    /** BMR_EQZ / BMR_NEZ, for RES_BITMASK (MAPIDefS.h:1221-1222). */
    int BMR_EQZ = 0;

    int BMR_NEZ = 1;

    /** The RES_* value. */
    int type();

    record And(List<Restriction> all) implements Restriction {
        public And {
            all = List.copyOf(all);
        }

        @Override
        public int type() {
            return RES_AND;
        }
    }

    record Or(List<Restriction> any) implements Restriction {
        public Or {
            any = List.copyOf(any);
        }

        @Override
        public int type() {
            return RES_OR;
        }
    }

    record Not(Restriction inner) implements Restriction {
        @Override
        public int type() {
            return RES_NOT;
        }
    }

    /** SPropertyRestriction: {@code relop}, the column {@code propTag}, compared with {@code value}. */
    record Property(int relop, int propTag, PropValue value) implements Restriction {
        @Override
        public int type() {
            return RES_PROPERTY;
        }
    }

    /** SBitMaskRestriction: {@code relBMR} (BMR_EQZ / BMR_NEZ) of {@code propTag & mask}. */
    record Bitmask(int relBmr, int propTag, int mask) implements Restriction {
        @Override
        public int type() {
            return RES_BITMASK;
        }
    }

    /** SExistRestriction: the row has {@code propTag}. */
    record Exist(int propTag) implements Restriction {
        @Override
        public int type() {
            return RES_EXIST;
        }
    }
}
