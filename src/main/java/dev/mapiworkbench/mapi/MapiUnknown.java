package dev.mapiworkbench.mapi;

/**
 * IUnknown as the workbench sees it: reference counting plus a stable identity for traces.
 * {@code release()} is always legal, even on an object invalidated by Logoff; it returns the new
 * reference count (0 when the object is gone).
 */
public interface MapiUnknown {

    int addRef();

    int release();

    ObjectKind kind();

    /** A human name for traces and the Open Objects view ("Mailbox - Demo", "Outbox", "status table"). */
    String displayName();

    /** A backend-unique handle, e.g. a simulator object id or a native pointer, for traces ("0x1A2B"). */
    long handle();
}
