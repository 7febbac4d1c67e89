package dev.mapiworkbench.mapi;

import java.util.List;

/** IMAPIProp: the property interface shared by stores, folders, messages and status objects. */
public interface MapiProp extends MapiUnknown {

    /**
     * GetProps for the given tags. Missing properties come back as PT_ERROR values carrying
     * {@code MAPI_E_NOT_FOUND} (the call itself then returns MAPI_W_ERRORS_RETURNED, which is a success).
     */
    List<PropValue> getProps(int... tags);

    /** SetProps. */
    void setProps(List<PropValue> props);

    /** SaveChanges ({@code KEEP_OPEN_READWRITE} etc. in {@code flags}). */
    void saveChanges(int flags);

    /** Convenience: the one value of {@code tag}, failing with MAPI_E_NOT_FOUND when absent. */
    default PropValue getProp(int tag) {
        PropValue v = getProps(tag).get(0);
        if (v.isError()) {
            throw new MapiException((HResult) v.value(), kind().interfaceName() + "::GetProps", PropTag.name(tag));
        }
        return v;
    }
}
