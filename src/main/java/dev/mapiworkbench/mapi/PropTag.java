package dev.mapiworkbench.mapi;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Property tags: {@code PROP_TAG(type, id) = (id << 16) | type} (MAPIDefS.h:329). Values of
 * mapi-reference §2.5; string properties always use the explicit {@code _W} (PT_UNICODE) form, as
 * the reference advises for Java. The tags marked "MAPITags.h" beyond §2.5 are recorded in
 * docs/decisions/0003-property-tags.md.
 */
public final class PropTag {

    private PropTag() {}

    // types
    /** PT_NULL (MAPIDefS.h:269): no value; SPropValue's {@code LONG x} member. */
    public static final int PT_NULL = 0x0001;

    public static final int PT_LONG = 0x0003;
    public static final int PT_ERROR = 0x000A;
    public static final int PT_BOOLEAN = 0x000B;
    /**
     * PT_OBJECT (MAPIDefS.h:278): an embedded object. In an SPropValue it carries {@code LONG x}, "no
     * usable value" (MAPIDefS.h:551); the object itself is opened with IMAPIProp::OpenProperty.
     */
    public static final int PT_OBJECT = 0x000D;

    public static final int PT_I8 = 0x0014;
    public static final int PT_STRING8 = 0x001E;
    public static final int PT_UNICODE = 0x001F;
    public static final int PT_SYSTIME = 0x0040;
    public static final int PT_BINARY = 0x0102;

    // §2.5
    public static final int PR_IPM_SUBTREE_ENTRYID = 0x35E00102;
    public static final int PR_IPM_OUTBOX_ENTRYID = 0x35E20102;
    public static final int PR_IPM_WASTEBASKET_ENTRYID = 0x35E30102;
    public static final int PR_IPM_SENTMAIL_ENTRYID = 0x35E40102;
    public static final int PR_ENTRYID = 0x0FFF0102;
    public static final int PR_OBJECT_TYPE = 0x0FFE0003;
    public static final int PR_STORE_ENTRYID = 0x0FFB0102;
    public static final int PR_RECORD_KEY = 0x0FF90102;
    public static final int PR_DISPLAY_NAME_W = 0x3001001F;
    public static final int PR_DISPLAY_NAME_A = 0x3001001E;
    public static final int PR_SUBJECT_W = 0x0037001F;
    public static final int PR_SUBJECT_A = 0x0037001E;
    public static final int PR_DELETE_AFTER_SUBMIT = 0x0E01000B;
    public static final int PR_MESSAGE_FLAGS = 0x0E070003;
    public static final int PR_SENTMAIL_ENTRYID = 0x0E0A0102;
    public static final int PR_SUBMIT_FLAGS = 0x0E140003;
    public static final int PR_PROVIDER_DISPLAY_W = 0x3006001F;
    public static final int PR_RESOURCE_FLAGS = 0x30090003;
    public static final int PR_PROVIDER_DLL_NAME_W = 0x300A001F;
    public static final int PR_DEFAULT_STORE = 0x3400000B;
    public static final int PR_STORE_SUPPORT_MASK = 0x340D0003;
    public static final int PR_IDENTITY_DISPLAY_W = 0x3E00001F;
    public static final int PR_RESOURCE_METHODS = 0x3E020003;
    public static final int PR_RESOURCE_TYPE = 0x3E030003;
    public static final int PR_STATUS_CODE = 0x3E040003;
    public static final int PR_STATUS_STRING_W = 0x3E08001F;

    // MAPITags.h, beyond §2.5 (see docs/decisions/0003-property-tags.md)
    public static final int PR_MESSAGE_CLASS_W = 0x001A001F;
    public static final int PR_CLIENT_SUBMIT_TIME = 0x00390040;
    public static final int PR_DISPLAY_TO_W = 0x0E04001F;
    /** PidTagDisplayCc, MS-OXPROPS 2.676: id 0x0E03, PtypString (decision 0162). */
    public static final int PR_DISPLAY_CC_W = 0x0E03001F;
    /** PidTagDisplayBcc, MS-OXPROPS: id 0x0E02, PtypString (decision 0162). */
    public static final int PR_DISPLAY_BCC_W = 0x0E02001F;

    public static final int PR_MESSAGE_DELIVERY_TIME = 0x0E060040;
    public static final int PR_PARENT_ENTRYID = 0x0E090102;
    public static final int PR_BODY_W = 0x1000001F;
    public static final int PR_INSTANCE_KEY = 0x0FF60102;
    /** PR_NULL: PROP_TAG(PT_NULL, PROP_ID_NULL = 0), mingw mapidefs.h:190-192; TABLE_NOTIFICATION's "first row" propPrior. */
    public static final int PR_NULL = 0x00000001;

    public static final int PR_ROWID = 0x30000003;
    public static final int PR_EMAIL_ADDRESS_W = 0x3003001F;
    public static final int PR_CONTENT_COUNT = 0x36020003;

    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        for (Field f : PropTag.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("PR_") && f.getType() == int.class) {
                try {
                    NAMES.put(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public static int tag(int id, int type) {
        return (id << 16) | type;
    }

    public static int id(int tag) {
        return tag >>> 16;
    }

    public static int type(int tag) {
        return tag & 0xFFFF;
    }

    /** The same property id with another type, e.g. PT_ERROR for a GetProps miss. */
    public static int withType(int tag, int type) {
        return (tag & 0xFFFF0000) | type;
    }

    /** {@code PR_SUBJECT_W} or {@code 0x0037001F} when unnamed. */
    public static String name(int tag) {
        String n = NAMES.get(tag);
        return n != null ? n : HResult.hex(tag);
    }
}
