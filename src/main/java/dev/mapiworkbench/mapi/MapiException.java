package dev.mapiworkbench.mapi;

/** A failed MAPI call. Carries the HRESULT the call returned and the API that returned it. */
public class MapiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HResult hresult;
    private final String api;

    public MapiException(HResult hresult, String api) {
        this(hresult, api, null);
    }

    public MapiException(HResult hresult, String api, String detail) {
        super(api + " failed: " + hresult + (detail == null ? "" : " — " + detail));
        this.hresult = hresult;
        this.api = api;
    }

    public HResult hresult() {
        return hresult;
    }

    /** The interface::method or function that failed, e.g. {@code IMAPISession::OpenEntry}. */
    public String api() {
        return api;
    }
}
