package dev.mapiworkbench.win32;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.ptr.PointerByReference;

/**
 * The MAPI32 exports the backend binds (mapi-reference.md section 4.1), with their native names.
 * On 64-bit the names are plain; on 32-bit {@link MapiFunctionMapper} maps them to {@code name@N}.
 * Called only on the backend's MAPI thread.
 */
public interface MapiLibrary extends Library {

    /** HRESULT MAPIInitialize(LPVOID lpMapiInit): a MAPIINIT_0 or NULL. */
    int MAPIInitialize(MapiStructs.MAPIINIT_0 lpMapiInit);

    void MAPIUninitialize();

    /** HRESULT MAPILogonEx(ULONG_PTR, LPTSTR profile, LPTSTR password, ULONG flags, LPMAPISESSION*). */
    int MAPILogonEx(
            ULONG_PTR ulUIParam,
            Pointer lpszProfileName,
            Pointer lpszPassword,
            int ulFlags,
            PointerByReference lppSession);

    int MAPIAllocateBuffer(int cbSize, PointerByReference lppBuffer);

    int MAPIAllocateMore(int cbSize, Pointer lpObject, PointerByReference lppBuffer);

    /** ULONG MAPIFreeBuffer(LPVOID): S_OK. */
    int MAPIFreeBuffer(Pointer lpBuffer);

    int ScInitMapiUtil(int ulFlags);

    void DeinitMapiUtil();
}
