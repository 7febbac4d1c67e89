/*
 * The traced MAPI32 exports and the real MAPI's loader.
 *
 * The real MAPI is loaded on the first call of any export (never in DllMain, never unloaded):
 *   1. MAPI_WORKBENCH_TARGET_DLL (a path), when set: that DLL only;
 *   2. the default mail client's DLLPathEx (HKLM\Software\Clients\Mail, default value = the client's
 *      key name; REG_EXPAND_SZ expanded), as Microsoft's MAPI stub and Wine's mapi32 do;
 *   3. Outlook's olmapi32.dll (already loaded, else by the DLL search path);
 *   4. the system's mapi32.dll (%SystemRoot%\System32\mapi32.dll) when it is not this DLL.
 * (RegGetValueW with RRF_RT_REG_SZ expands a REG_EXPAND_SZ value.) A candidate that turns out to be this DLL is skipped. docs/recorder.md and decision 0151.
 */
#include "recorder.h"
#include <stdio.h>
#include <string.h>

static HMODULE g_self, g_real;
static WCHAR g_real_path[MAX_PATH];
static char g_why[1024];
static INIT_ONCE g_once = INIT_ONCE_STATIC_INIT;

static void why(const char *fmt, const WCHAR *path) {
    size_t n = strlen(g_why);
    if (n + 8 >= sizeof g_why) return;
    snprintf(g_why + n, sizeof g_why - n, fmt, path ? path : L"");
}

static int try_load(const WCHAR *path) {
    if (!path || !path[0]) return 0;
    HMODULE h = LoadLibraryW(path);
    if (!h) { why("%ls: not loaded; ", path); return 0; }
    if (h == g_self) { why("%ls: is the recorder itself; ", path); FreeLibrary(h); return 0; }
    g_real = h;
    DWORD n = GetModuleFileNameW(h, g_real_path, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) _snwprintf(g_real_path, MAX_PATH, L"%ls", path);
    g_real_path[MAX_PATH - 1] = 0;
    return 1;
}

static int from_registry(void) {
    WCHAR client[256], key[400], dll[MAX_PATH];
    DWORD cb = sizeof client;
    if (RegGetValueW(HKEY_LOCAL_MACHINE, L"Software\\Clients\\Mail", NULL, RRF_RT_REG_SZ, NULL, client, &cb)
            != ERROR_SUCCESS || !client[0]) {
        why("no default mail client under HKLM\\Software\\Clients\\Mail; ", NULL);
        return 0;
    }
    _snwprintf(key, 400, L"Software\\Clients\\Mail\\%ls", client);
    key[399] = 0;
    cb = sizeof dll;
    if (RegGetValueW(HKEY_LOCAL_MACHINE, key, L"DLLPathEx", RRF_RT_REG_SZ, NULL, dll, &cb)
            != ERROR_SUCCESS || !dll[0]) {
        why("the default mail client %ls has no DLLPathEx; ", client);
        return 0;
    }
    if (_wcsicmp(dll, L"mapi32.dll") == 0) { why("DLLPathEx is mapi32.dll itself; ", NULL); return 0; }
    return try_load(dll);
}

static BOOL CALLBACK load_real(PINIT_ONCE once, PVOID param, PVOID *ctx) {
    (void) once; (void) param; (void) ctx;
    WCHAR path[MAX_PATH];
    DWORD n = GetEnvironmentVariableW(L"MAPI_WORKBENCH_TARGET_DLL", path, MAX_PATH);
    if (n > 0 && n < MAX_PATH) {
        if (!try_load(path)) why("(MAPI_WORKBENCH_TARGET_DLL is set: nothing else tried)", NULL);
        return TRUE;
    }
    if (from_registry()) return TRUE;
    HMODULE ol = GetModuleHandleW(L"olmapi32.dll");
    if (ol && ol != g_self) {
        g_real = ol;
        GetModuleFileNameW(ol, g_real_path, MAX_PATH);
        return TRUE;
    }
    if (try_load(L"olmapi32.dll")) return TRUE;
    UINT s = GetSystemDirectoryW(path, MAX_PATH - 12);
    if (s > 0 && s < MAX_PATH - 12) {
        wcscat(path, L"\\mapi32.dll");
        WCHAR self[MAX_PATH];
        DWORD m = GetModuleFileNameW(g_self, self, MAX_PATH);
        if (m > 0 && m < MAX_PATH && _wcsicmp(self, path) == 0) why("%ls: is the recorder itself; ", path);
        else if (try_load(path)) return TRUE;
    }
    return TRUE;
}

static HMODULE real(void) {
    InitOnceExecuteOnce(&g_once, load_real, NULL, NULL);
    return g_real;
}
const WCHAR *real_path(void) { return g_real ? g_real_path : NULL; }

FARPROC real_proc(const char *name, int stack) {
    HMODULE h = real();
    if (!h) return NULL;
    char dec[128];
    snprintf(dec, sizeof dec, "%s@%d", name, stack);
#ifdef _WIN64
    FARPROC p = GetProcAddress(h, name);
    if (!p) p = GetProcAddress(h, dec);
#else
    FARPROC p = GetProcAddress(h, dec);
    if (!p) p = GetProcAddress(h, name);
#endif
    return p;
}

/* the real export, or: a comment in the trace saying why it is missing (once per function) */
static FARPROC need(const char *name, int stack, int *warned) {
    FARPROC p = real_proc(name, stack);
    if (!p && !*warned) {
        *warned = 1;
        char text[1400];
        if (!g_real) snprintf(text, sizeof text, "recorder: no real MAPI was loaded: %s", g_why);
        else snprintf(text, sizeof text, "recorder: the real MAPI has no export %s", name);
        trace_comment(text);
    }
    return p;
}
/* the real function, looked up once (a race only looks it up twice) */
#define REAL(type, name, stack)                                                        \
    static int warned_;                                                                \
    static __typeof__(type) real_;                                                     \
    __typeof__(type) fn = real_ ? real_ : (real_ = (__typeof__(type)) need(#name, stack, &warned_))

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved) {
    (void) reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        g_self = h;
        DisableThreadLibraryCalls(h);
        rec_init_once();
        proxy_init();
    }
    return TRUE;
}

/* ---- MAPIX.h ---- */
HRESULT WINAPI MAPIInitialize(LPVOID lpMapiInit) {
    REAL(HRESULT(WINAPI *)(LPVOID), MAPIInitialize, 4);
    HRESULT hr = fn ? fn(lpMapiInit) : REC_MAPI_E_NOT_INITIALIZED;
    JBuf a = {{0}, 0};
    if (lpMapiInit) { /* MAPIINIT_0 { ULONG ulVersion; ULONG ulFlags; } */
        jb_num(&a, "ulVersion", ((ULONG *) lpMapiInit)[0]);
        jb_num(&a, "ulFlags", ((ULONG *) lpMapiInit)[1]);
    } else {
        jb_null(&a, "lpMapiInit");
    }
    trace_call("MAPIInitialize", 0, &a, NULL, 1, hr, 0, 0);
    return hr;
}

void WINAPI MAPIUninitialize(void) {
    REAL(void(WINAPI *)(void), MAPIUninitialize, 0);
    if (fn) fn();
    trace_call("MAPIUninitialize", 0, NULL, NULL, 0, 0, 0, 0);
}

HRESULT WINAPI MAPILogonEx(ULONG_PTR ulUIParam, LPVOID lpszProfileName, LPVOID lpszPassword, ULONG ulFlags,
                           void **lppSession) {
    REAL(HRESULT(WINAPI *)(ULONG_PTR, LPVOID, LPVOID, ULONG, void **), MAPILogonEx, 20);
    HRESULT hr = fn ? fn(ulUIParam, lpszProfileName, lpszPassword, ulFlags, lppSession) : REC_MAPI_E_NOT_INITIALIZED;
    JBuf a = {{0}, 0}, o = {{0}, 0};
    jb_num(&a, "ulUIParam", (unsigned long long) ulUIParam);
    if (!lpszProfileName) jb_null(&a, "lpszProfileName");
    else if (ulFlags & REC_MAPI_UNICODE) jb_wstr(&a, "lpszProfileName", lpszProfileName);
    else jb_astr(&a, "lpszProfileName", lpszProfileName);
    jb_num(&a, "ulFlags", ulFlags); /* the password is never recorded */
    if (SUCCEEDED(hr) && lppSession && *lppSession) {
        int id;
        *lppSession = proxy_wrap(*lppSession, K_IMAPISession, &id);
        jb_ref(&o, "lppSession", "obj", id);
    }
    trace_call("MAPILogonEx", 0, &a, &o, 1, hr, 0, 0);
    return hr;
}

HRESULT WINAPI MAPIAdminProfiles(ULONG ulFlags, void **lppProfAdmin) {
    REAL(HRESULT(WINAPI *)(ULONG, void **), MAPIAdminProfiles, 8);
    HRESULT hr = fn ? fn(ulFlags, lppProfAdmin) : REC_MAPI_E_CALL_FAILED;
    JBuf a = {{0}, 0}, o = {{0}, 0};
    jb_num(&a, "ulFlags", ulFlags);
    if (SUCCEEDED(hr) && lppProfAdmin && *lppProfAdmin) {
        int id;
        *lppProfAdmin = proxy_wrap(*lppProfAdmin, K_IProfAdmin, &id);
        jb_ref(&o, "lppProfAdmin", "obj", id);
    }
    trace_call("MAPIAdminProfiles", 0, &a, &o, 1, hr, 0, 0);
    return hr;
}

/* ---- MAPI memory ---- */
static void buf_arg(JBuf *j, const char *key, void *p, int id) {
    if (!p) jb_null(j, key);
    else if (id) jb_ref(j, key, "buf", id);
    else jb_str(j, key, "untracked"); /* not handed out through the recorder (docs/recorder.md) */
}

SCODE WINAPI MAPIAllocateBuffer(ULONG cbSize, LPVOID *lppBuffer) {
    REAL(SCODE(WINAPI *)(ULONG, LPVOID *), MAPIAllocateBuffer, 8);
    SCODE sc = fn ? fn(cbSize, lppBuffer) : REC_MAPI_E_CALL_FAILED;
    JBuf a = {{0}, 0}, o = {{0}, 0};
    jb_num(&a, "cbSize", cbSize);
    if (SUCCEEDED(sc) && lppBuffer && *lppBuffer) jb_ref(&o, "lppBuffer", "buf", buf_track(*lppBuffer));
    trace_call("MAPIAllocateBuffer", 0, &a, &o, 1, sc, 0, 0);
    return sc;
}

/* a block chained to lpObject is freed with it: it is not a buffer of its own in the trace */
SCODE WINAPI MAPIAllocateMore(ULONG cbSize, LPVOID lpObject, LPVOID *lppBuffer) {
    REAL(SCODE(WINAPI *)(ULONG, LPVOID, LPVOID *), MAPIAllocateMore, 12);
    SCODE sc = fn ? fn(cbSize, lpObject, lppBuffer) : REC_MAPI_E_CALL_FAILED;
    JBuf a = {{0}, 0};
    jb_num(&a, "cbSize", cbSize);
    buf_arg(&a, "lpObject", lpObject, buf_lookup(lpObject));
    trace_call("MAPIAllocateMore", 0, &a, NULL, 1, sc, 0, 0);
    return sc;
}

ULONG WINAPI MAPIFreeBuffer(LPVOID lpBuffer) {
    REAL(ULONG(WINAPI *)(LPVOID), MAPIFreeBuffer, 4);
    int id = lpBuffer ? buf_untrack(lpBuffer) : 0; /* before the call: the address may be reused at once */
    ULONG r = fn ? fn(lpBuffer) : 0;
    JBuf a = {{0}, 0};
    buf_arg(&a, "lpBuffer", lpBuffer, id);
    trace_call("MAPIFreeBuffer", 0, &a, NULL, 1, (HRESULT) r, 0, 0);
    return r;
}

/* ---- MAPIUtil.h ---- */
SCODE WINAPI ScInitMapiUtil(ULONG ulFlags) {
    REAL(SCODE(WINAPI *)(ULONG), ScInitMapiUtil, 4);
    SCODE sc = fn ? fn(ulFlags) : REC_MAPI_E_CALL_FAILED;
    JBuf a = {{0}, 0};
    jb_num(&a, "ulFlags", ulFlags);
    trace_call("ScInitMapiUtil", 0, &a, NULL, 1, sc, 0, 0);
    return sc;
}

void WINAPI DeinitMapiUtil(void) {
    REAL(void(WINAPI *)(void), DeinitMapiUtil, 0);
    if (fn) fn();
    trace_call("DeinitMapiUtil", 0, NULL, NULL, 0, 0, 0, 0);
}

/* SRowSet { ULONG cRows; SRow aRow[]; } with SRow { ULONG pad; ULONG cValues; SPropValue *lpProps; } */
typedef struct { ULONG pad; ULONG cValues; void *lpProps; } RecSRow;
typedef struct { ULONG cRows; RecSRow aRow[1]; } RecSRowSet;

HRESULT WINAPI HrQueryAllRows(void *lpTable, void *lpPropTags, void *lpRestriction, void *lpSortOrderSet,
                              LONG crowsMax, void **lppRows) {
    REAL(HRESULT(WINAPI *)(void *, void *, void *, void *, LONG, void **), HrQueryAllRows, 24);
    int tid;
    void *table = proxy_unwrap(lpTable, &tid); /* MAPI's own calls on the table are not the client's */
    HRESULT hr = fn ? fn(table, lpPropTags, lpRestriction, lpSortOrderSet, crowsMax, lppRows) : REC_MAPI_E_CALL_FAILED;
    JBuf a = {{0}, 0}, o = {{0}, 0};
    if (tid) jb_ref(&a, "lpTable", "obj", tid);
    jb_snum(&a, "crowsMax", crowsMax);
    if (SUCCEEDED(hr) && lppRows && *lppRows) {
        jb_ref(&o, "lppRows", "buf", buf_track(*lppRows));
        jb_num(&o, "cRows", ((RecSRowSet *) *lppRows)->cRows);
    }
    trace_call("HrQueryAllRows", 0, &a, &o, 1, hr, 0, 0);
    return hr;
}

/* frees the row set and every row's property array (MAPIUtil.h) */
void WINAPI FreeProws(void *lpRows) {
    REAL(void(WINAPI *)(void *), FreeProws, 4);
    int id = lpRows ? buf_untrack(lpRows) : 0;
    if (fn) fn(lpRows);
    JBuf a = {{0}, 0};
    buf_arg(&a, "lpRows", lpRows, id);
    trace_call("FreeProws", 0, &a, NULL, 0, 0, 0, 0);
}

void WINAPI FreePadrlist(void *lpAdrList) {
    REAL(void(WINAPI *)(void *), FreePadrlist, 4);
    int id = lpAdrList ? buf_untrack(lpAdrList) : 0;
    if (fn) fn(lpAdrList);
    JBuf a = {{0}, 0};
    buf_arg(&a, "lpAdrList", lpAdrList, id);
    trace_call("FreePadrlist", 0, &a, NULL, 0, 0, 0, 0);
}

HRESULT WINAPI HrAllocAdviseSink(void *lpfnCallback, void *lpvContext, void **lppAdviseSink) {
    REAL(HRESULT(WINAPI *)(void *, void *, void **), HrAllocAdviseSink, 12);
    HRESULT hr = fn ? fn(lpfnCallback, lpvContext, lppAdviseSink) : REC_MAPI_E_CALL_FAILED;
    JBuf o = {{0}, 0};
    if (SUCCEEDED(hr) && lppAdviseSink && *lppAdviseSink) {
        int id;
        *lppAdviseSink = proxy_wrap(*lppAdviseSink, K_IMAPIAdviseSink, &id);
        jb_ref(&o, "lppAdviseSink", "obj", id);
    }
    trace_call("HrAllocAdviseSink", 0, NULL, &o, 1, hr, 0, 0);
    return hr;
}

HRESULT WINAPI HrThisThreadAdviseSink(void *lpAdviseSink, void **lppAdviseSink) {
    REAL(HRESULT(WINAPI *)(void *, void **), HrThisThreadAdviseSink, 8);
    int sid;
    void *sink = proxy_unwrap(lpAdviseSink, &sid);
    HRESULT hr = fn ? fn(sink, lppAdviseSink) : REC_MAPI_E_CALL_FAILED;
    JBuf a = {{0}, 0}, o = {{0}, 0};
    if (sid) jb_ref(&a, "lpAdviseSink", "obj", sid);
    if (SUCCEEDED(hr) && lppAdviseSink && *lppAdviseSink) {
        int id;
        *lppAdviseSink = proxy_wrap(*lppAdviseSink, K_IMAPIAdviseSink, &id);
        jb_ref(&o, "lppAdviseSink", "obj", id);
    }
    trace_call("HrThisThreadAdviseSink", 0, &a, &o, 1, hr, 0, 0);
    return hr;
}

HRESULT WINAPI HrGetOneProp(void *lpMapiProp, ULONG ulPropTag, void **lppProp) {
    REAL(HRESULT(WINAPI *)(void *, ULONG, void **), HrGetOneProp, 12);
    int pid;
    void *obj = proxy_unwrap(lpMapiProp, &pid);
    HRESULT hr = fn ? fn(obj, ulPropTag, lppProp) : REC_MAPI_E_CALL_FAILED;
    JBuf a = {{0}, 0}, o = {{0}, 0};
    if (pid) jb_ref(&a, "lpMapiProp", "obj", pid);
    jb_num(&a, "ulPropTag", ulPropTag);
    if (SUCCEEDED(hr) && lppProp && *lppProp) jb_ref(&o, "lppProp", "buf", buf_track(*lppProp));
    trace_call("HrGetOneProp", 0, &a, &o, 1, hr, 0, 0);
    return hr;
}

HRESULT WINAPI HrSetOneProp(void *lpMapiProp, void *lpProp) {
    REAL(HRESULT(WINAPI *)(void *, void *), HrSetOneProp, 8);
    int pid;
    void *obj = proxy_unwrap(lpMapiProp, &pid);
    HRESULT hr = fn ? fn(obj, lpProp) : REC_MAPI_E_CALL_FAILED;
    JBuf a = {{0}, 0};
    if (pid) jb_ref(&a, "lpMapiProp", "obj", pid);
    if (lpProp) jb_num(&a, "ulPropTag", *(ULONG *) lpProp); /* SPropValue.ulPropTag @0 */
    trace_call("HrSetOneProp", 0, &a, NULL, 1, hr, 0, 0);
    return hr;
}
