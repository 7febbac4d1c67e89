package dev.mapiworkbench.mapi;

/** IMAPIFolder. */
public interface MapiFolder extends MapiProp {

    MapiTable getContentsTable(int flags);

    MapiMessage createMessage(int flags);

    /**
     * DeleteMessages(lpMsgList, ulUIParam, lpProgress, ulFlags) (IMAPIFolder vtable slot 21,
     * MAPIDefS.h; mapi-reference §3) for messages of this folder, without UI or progress. A backend
     * that does not implement it fails MAPI_E_NO_SUPPORT.
     */
    default void deleteMessages(java.util.List<EntryId> messages, int flags) {
        throw new MapiException(
                HResult.MAPI_E_NO_SUPPORT,
                "IMAPIFolder::DeleteMessages",
                "this backend does not implement DeleteMessages");
    }
}
