package dev.mapiworkbench.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiProp;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.win32.MapiStructs.SPropTagArray;
import java.util.List;

/** IMAPIProp over a native interface pointer (slots 3-13). */
abstract class Win32Prop extends Win32Object implements MapiProp {

    private static final int MAPI_UNICODE = 0x80000000;

    Win32Prop(Win32Runtime rt, Pointer ptr, ObjectKind kind, Win32Session session, String name) {
        super(rt, ptr, kind, session, name);
    }

    @Override
    public List<PropValue> getProps(int... tags) {
        return call("GetProps", () -> {
            Memory tagArray = SPropTagArray.of(tags);
            IntByReference count = new IntByReference();
            PointerByReference values = new PointerByReference();
            int flags = 0;
            for (int t : tags) {
                if (PropTag.type(t) == PropTag.PT_UNICODE) {
                    flags = MAPI_UNICODE;
                }
            }
            Com.check(api("GetProps"), ptr, Slots.IMAPIProp.GET_PROPS, tagArray, flags, count, values);
            Pointer array = values.getValue();
            try {
                return List.copyOf(PropCodec.decodeArray(array, count.getValue()));
            } finally {
                rt.freeMapiMemory(array);
            }
        });
    }

    @Override
    public void setProps(List<PropValue> props) {
        call("SetProps", () -> {
            PropCodec.JavaAllocator alloc = new PropCodec.JavaAllocator();
            Memory array = new Memory((long) PropCodec.sizeOfSPropValue() * Math.max(1, props.size()));
            array.clear();
            PropCodec.encodeArray(props, array, alloc);
            PointerByReference problems = new PointerByReference();
            Com.check(api("SetProps"), ptr, Slots.IMAPIProp.SET_PROPS, props.size(), array, problems);
            rt.freeMapiMemory(problems.getValue());
            return null;
        });
    }

    @Override
    public void saveChanges(int flags) {
        call("SaveChanges", () -> Com.check(api("SaveChanges"), ptr, Slots.IMAPIProp.SAVE_CHANGES, flags));
    }

    /** Reads PR_DISPLAY_NAME_W for traces; keeps the given fallback when the object has none. */
    void loadDisplayName() {
        try {
            PropValue v = getProps(PropTag.PR_DISPLAY_NAME_W).get(0);
            if (!v.isError() && !v.asString().isEmpty()) {
                displayName(v.asString());
            }
        } catch (MapiException e) {
            // a display name is only for traces: keep the fallback
        }
    }
}
