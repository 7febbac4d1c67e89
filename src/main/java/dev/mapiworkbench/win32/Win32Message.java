package dev.mapiworkbench.win32;

import com.sun.jna.Pointer;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.win32.MapiStructs.ADRENTRY;
import dev.mapiworkbench.win32.MapiStructs.ADRLIST;
import java.util.ArrayList;
import java.util.List;

/** IMessage. */
final class Win32Message extends Win32Prop implements MapiMessage {

    /** PR_RECIPIENT_TYPE (MAPITags.h: PROP_TAG(PT_LONG, 0x0C15)); decision record 0054. */
    static final int PR_RECIPIENT_TYPE = 0x0C150003;
    /** PR_ADDRTYPE_W (MAPITags.h: PROP_TAG(PT_UNICODE, 0x3002)). */
    static final int PR_ADDRTYPE_W = 0x3002001F;
    /** MAPI_TO recipient type. */
    static final int MAPI_TO = 1;

    Win32Message(Win32Runtime rt, Pointer ptr, Win32Session session, String name) {
        super(rt, ptr, ObjectKind.MESSAGE, session, name);
    }

    /**
     * ModifyRecipients with an ADRLIST built in MAPI memory, as the method requires: the list and
     * each entry's property array come from MAPIAllocateBuffer, strings from MAPIAllocateMore; all
     * of it is freed after the call (FreePadrlist's order: each entry's array, then the list).
     */
    @Override
    public void modifyRecipients(int flags, List<String> addresses) {
        call("ModifyRecipients", () -> {
            ADRLIST layout = new ADRLIST();
            int entrySize = new ADRENTRY().size();
            int first = layout.offsetOf("aEntries");
            List<Pointer> owned = new ArrayList<>();
            Pointer list = rt.allocateMapiMemory(first + entrySize * Math.max(1, addresses.size()));
            try {
                list.setInt(layout.offsetOf("cEntries"), addresses.size());
                for (int i = 0; i < addresses.size(); i++) {
                    String address = addresses.get(i);
                    if (address == null || address.isBlank()) {
                        throw new MapiException(
                                HResult.MAPI_E_INVALID_PARAMETER,
                                api("ModifyRecipients"),
                                "recipient " + (i + 1) + " has no address");
                    }
                    List<PropValue> props = List.of(
                            PropValue.of(PR_RECIPIENT_TYPE, MAPI_TO),
                            PropValue.of(PropTag.PR_DISPLAY_NAME_W, address),
                            PropValue.of(PropTag.PR_EMAIL_ADDRESS_W, address),
                            PropValue.of(PR_ADDRTYPE_W, "SMTP"));
                    Pointer values = rt.allocateMapiMemory(PropCodec.sizeOfSPropValue() * props.size());
                    owned.add(values);
                    PropCodec.encodeArray(props, values, size -> rt.allocateMapiMore(size, values));
                    ADRENTRY entry = new ADRENTRY();
                    entry.place(list, first + i * entrySize);
                    entry.ulReserved1 = 0;
                    entry.cValues = props.size();
                    entry.rgPropVals = values;
                    entry.write();
                }
                Com.check(api("ModifyRecipients"), ptr, Slots.IMessage.MODIFY_RECIPIENTS, flags, list);
                return null;
            } finally {
                for (Pointer p : owned) {
                    rt.freeMapiMemory(p);
                }
                rt.freeMapiMemory(list);
            }
        });
    }

    @Override
    public void submitMessage(int flags) {
        call("SubmitMessage", () -> Com.check(api("SubmitMessage"), ptr, Slots.IMessage.SUBMIT_MESSAGE, flags));
    }
}
