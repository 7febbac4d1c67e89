/*
 * mapi-workbench recorder: a tracing MAPI32.DLL proxy (see docs/recorder.md).
 * Shared declarations of the trace writer (trace.c), the object proxies (proxy.c), the traced
 * exports and the real MAPI's loader (exports.c) and the untraced forwarders (forward.c).
 */
#ifndef MAPI_WORKBENCH_RECORDER_H
#define MAPI_WORKBENCH_RECORDER_H

#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdint.h>

#define RECORDER_VERSION "0.1.0"
#ifdef _WIN64
#define RECORDER_ARCH "x64"
#else
#define RECORDER_ARCH "x86"
#endif

/* HRESULTs the recorder itself returns (mapi-reference.md section 2.4) */
#define REC_MAPI_E_CALL_FAILED ((HRESULT) 0x80004005L)
#define REC_MAPI_E_NOT_INITIALIZED ((HRESULT) 0x80040605L)
#define REC_MAPI_UNICODE 0x80000000UL
typedef LONG SCODE;

/* ---- trace.c: JSON members, one line per call ---- */
typedef struct {
    char b[2048];
    int n;
} JBuf;

void jb_num(JBuf *j, const char *key, unsigned long long v);
void jb_snum(JBuf *j, const char *key, long long v);
void jb_str(JBuf *j, const char *key, const char *utf8);
void jb_wstr(JBuf *j, const char *key, const WCHAR *w);
void jb_astr(JBuf *j, const char *key, const char *ansi);
void jb_ref(JBuf *j, const char *key, const char *prefix, int id);
void jb_null(JBuf *j, const char *key);
void jb_hr(JBuf *j, const char *key, HRESULT hr);
void jb_guid(JBuf *j, const char *key, const GUID *g);

/* Writes one call line: api, this (obj id, 0 = none), args, out (either may be NULL or empty),
   hr when has_hr, ret when has_ret. Never fails visibly. */
void trace_call(const char *api, int this_id, const JBuf *args, const JBuf *out, int has_hr, HRESULT hr,
                int has_ret, ULONG ret);
/* Writes a `// ...` comment line (ignored by readers of the trace). */
void trace_comment(const char *text);

/* MAPI buffers handed to the client: pointer -> buf:<n> */
int buf_track(void *p);
int buf_untrack(void *p); /* returns the id (0 when unknown) and forgets the buffer */
int buf_lookup(void *p);

void rec_lock(void);
void rec_unlock(void);
void rec_init_once(void); /* called from DllMain(PROCESS_ATTACH): only InitializeCriticalSection */

/* ---- proxy.c ---- */
/* the interface kinds the recorder knows; K_IUnknown = any other interface (AddRef/Release only) */
enum Kind {
    K_IUnknown, K_IMAPIProp, K_IMAPIContainer, K_IMAPIFolder, K_IABContainer, K_IDistList, K_IMsgStore,
    K_IMessage, K_IAttach, K_IMailUser, K_IProfSect, K_IMAPIStatus, K_IAddrBook, K_IMAPITable,
    K_IMAPISession, K_IMAPIAdviseSink, K_IProfAdmin, K_IMsgServiceAdmin, K_IProviderAdmin,
    K_IMAPIClientShutdown, K_COUNT
};
void proxy_init(void);
/* wraps an interface pointer the real MAPI handed back; returns the pointer to give the client */
void *proxy_wrap(void *inner, int kind, int *id);
/* the real object behind one of our proxies (anything else is returned unchanged); *id = its obj id or 0 */
void *proxy_unwrap(void *p, int *id);
/* an advise sink going to the real MAPI: ours unwrapped, the client's wrapped (so OnNotify is seen) */
void *proxy_sink_in(void *sink, int *id);
int kind_of_objtype(ULONG objType);

/* ---- exports.c ---- */
/* the real MAPI's export `name` (x86: `name@stack` tried first), or NULL */
FARPROC real_proc(const char *name, int stack);
const WCHAR *real_path(void);

#endif
