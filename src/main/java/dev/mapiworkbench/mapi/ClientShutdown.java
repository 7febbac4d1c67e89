package dev.mapiworkbench.mapi;

/**
 * IMAPIClientShutdown : IUnknown (MAPIDefS.h:2807-2825 of microsoft/MAPIStubLibrary; vtable 3
 * QueryFastShutdown, 4 NotifyProcessShutdown, 5 DoFastShutdown, each {@code (THIS)} returning HRESULT).
 * Obtained with {@link MapiSession#queryClientShutdown()}, i.e. QueryInterface(IID_IMAPIClientShutdown
 * {00020397-0000-0000-C000-000000000046}, MAPIGuid.h:440) on the session; released like any interface.
 *
 * <p>"Best Practices for Fast Shutdown"
 * (https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/dd941346(v=office.14)):
 * call QueryFastShutdown first and proceed with NotifyProcessShutdown and DoFastShutdown only when it
 * returned S_OK (MAPI_E_NO_SUPPORT when an administrator disabled fast shutdown: proceeding anyway makes
 * the loaded providers lose data); once DoFastShutdown was called, make no further MAPI call,
 * MAPIUninitialize included. A failed call raises {@link MapiException} with its HRESULT.
 */
public interface ClientShutdown extends MapiUnknown {

    /** QueryFastShutdown(): S_OK when every loaded provider supports fast shutdown; else it throws. */
    void queryFastShutdown();

    /** NotifyProcessShutdown(): tells the providers the client is going to shut down. */
    void notifyProcessShutdown();

    /** DoFastShutdown(): the client exits now; no MAPI call may follow. */
    void doFastShutdown();
}
