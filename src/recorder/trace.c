/*
 * The trace writer: mapi-workbench/trace/v1 JSON Lines (docs/trace.md), one line per call, written
 * with one WriteFile per line under one lock (lines never interleave, and a client that crashes
 * leaves every line written so far in the file). Also the buffer table (pointer -> buf:<n>).
 * Nothing here changes what the client sees: a trace that cannot be written is simply not written.
 */
#include "recorder.h"
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static CRITICAL_SECTION g_mu;
static HANDLE g_file = INVALID_HANDLE_VALUE;
static int g_opened;     /* 1 once the file was tried (success or not) */
static unsigned long g_seq;

void rec_init_once(void) { InitializeCriticalSection(&g_mu); }
void rec_lock(void) { EnterCriticalSection(&g_mu); }
void rec_unlock(void) { LeaveCriticalSection(&g_mu); }

/* ---- JSON members ---- */
static void jb_raw(JBuf *j, const char *s, int len) {
    if (len < 0) len = (int) strlen(s);
    if (j->n + len >= (int) sizeof j->b - 1) return; /* too long: the member is left out */
    memcpy(j->b + j->n, s, (size_t) len);
    j->n += len;
    j->b[j->n] = 0;
}
static void jb_key(JBuf *j, const char *key) {
    char tmp[80];
    int n = snprintf(tmp, sizeof tmp, "%s\"%s\": ", j->n ? ", " : "", key);
    jb_raw(j, tmp, n);
}
void jb_num(JBuf *j, const char *key, unsigned long long v) {
    char tmp[32];
    jb_key(j, key);
    jb_raw(j, tmp, snprintf(tmp, sizeof tmp, "%llu", v));
}
void jb_snum(JBuf *j, const char *key, long long v) {
    char tmp[32];
    jb_key(j, key);
    jb_raw(j, tmp, snprintf(tmp, sizeof tmp, "%lld", v));
}
void jb_null(JBuf *j, const char *key) {
    jb_key(j, key);
    jb_raw(j, "null", 4);
}
/* a JSON string from UTF-8, escaped, at most MAX_TEXT bytes of text (cut at a character boundary,
   so the line stays valid UTF-8) */
#define MAX_TEXT 600
static void jb_quoted(JBuf *j, const char *s) {
    char tmp[MAX_TEXT * 6 + 8];
    int o = 0;
    int len = (int) strlen(s);
    if (len > MAX_TEXT) {
        len = MAX_TEXT;
        while (len > 0 && ((unsigned char) s[len] & 0xC0) == 0x80) len--; /* s[len] continues a character */
    }
    tmp[o++] = '"';
    for (int i = 0; i < len; i++) {
        unsigned char c = (unsigned char) s[i];
        if (c == '"' || c == '\\') { tmp[o++] = '\\'; tmp[o++] = (char) c; }
        else if (c < 0x20) o += snprintf(tmp + o, sizeof tmp - (size_t) o, "\\u%04x", c);
        else tmp[o++] = (char) c;
    }
    tmp[o++] = '"';
    jb_raw(j, tmp, o);
}
void jb_str(JBuf *j, const char *key, const char *utf8) {
    jb_key(j, key);
    jb_quoted(j, utf8);
}
void jb_wstr(JBuf *j, const char *key, const WCHAR *w) {
    char u[4 * MAX_TEXT];
    if (!w) { jb_null(j, key); return; }
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, u, (int) sizeof u - 1, NULL, NULL);
    u[n > 0 ? n : 0] = 0;
    jb_str(j, key, u);
}
void jb_astr(JBuf *j, const char *key, const char *ansi) {
    WCHAR w[MAX_TEXT];
    if (!ansi) { jb_null(j, key); return; }
    int n = MultiByteToWideChar(CP_ACP, 0, ansi, -1, w, MAX_TEXT - 1);
    w[n > 0 ? n : 0] = 0;
    jb_wstr(j, key, w);
}
void jb_ref(JBuf *j, const char *key, const char *prefix, int id) {
    char tmp[32];
    jb_key(j, key);
    jb_raw(j, tmp, snprintf(tmp, sizeof tmp, "\"%s:%d\"", prefix, id));
}

/* HRESULT names: mapi-reference.md section 2.4 (MAPICode.h, winerror.h) */
static const struct { HRESULT hr; const char *name; } HR_NAMES[] = {
    {0x00000000L, "S_OK"}, {0x00000001L, "S_FALSE"},
    {(HRESULT) 0x80004005L, "MAPI_E_CALL_FAILED"}, {(HRESULT) 0x8007000EL, "MAPI_E_NOT_ENOUGH_MEMORY"},
    {(HRESULT) 0x80070057L, "MAPI_E_INVALID_PARAMETER"}, {(HRESULT) 0x80004002L, "MAPI_E_INTERFACE_NOT_SUPPORTED"},
    {(HRESULT) 0x80070005L, "MAPI_E_NO_ACCESS"}, {(HRESULT) 0x80040102L, "MAPI_E_NO_SUPPORT"},
    {(HRESULT) 0x80040103L, "MAPI_E_BAD_CHARWIDTH"}, {(HRESULT) 0x80040106L, "MAPI_E_UNKNOWN_FLAGS"},
    {(HRESULT) 0x80040108L, "MAPI_E_INVALID_OBJECT"}, {(HRESULT) 0x8004010AL, "MAPI_E_OBJECT_DELETED"},
    {(HRESULT) 0x8004010BL, "MAPI_E_BUSY"}, {(HRESULT) 0x8004010EL, "MAPI_E_NOT_ENOUGH_RESOURCES"},
    {(HRESULT) 0x8004010FL, "MAPI_E_NOT_FOUND"}, {(HRESULT) 0x80040110L, "MAPI_E_VERSION"},
    {(HRESULT) 0x80040111L, "MAPI_E_LOGON_FAILED"}, {(HRESULT) 0x80040112L, "MAPI_E_SESSION_LIMIT"},
    {(HRESULT) 0x80040113L, "MAPI_E_USER_CANCEL"}, {(HRESULT) 0x80040115L, "MAPI_E_NETWORK_ERROR"},
    {(HRESULT) 0x80040117L, "MAPI_E_TOO_COMPLEX"}, {(HRESULT) 0x8004011CL, "MAPI_E_UNCONFIGURED"},
    {(HRESULT) 0x80040200L, "MAPI_E_END_OF_SESSION"}, {(HRESULT) 0x80040201L, "MAPI_E_UNKNOWN_ENTRYID"},
    {0x00040380L, "MAPI_W_ERRORS_RETURNED"}, {(HRESULT) 0x80040401L, "MAPI_E_TIMEOUT"},
    {(HRESULT) 0x80040605L, "MAPI_E_NOT_INITIALIZED"},
};
void jb_hr(JBuf *j, const char *key, HRESULT hr) {
    for (size_t i = 0; i < sizeof HR_NAMES / sizeof HR_NAMES[0]; i++) {
        if (HR_NAMES[i].hr == hr) { jb_str(j, key, HR_NAMES[i].name); return; }
    }
    char tmp[16];
    snprintf(tmp, sizeof tmp, "0x%08lX", (unsigned long) hr);
    jb_str(j, key, tmp);
}
void jb_guid(JBuf *j, const char *key, const GUID *g) {
    char tmp[48];
    snprintf(tmp, sizeof tmp, "{%08lX-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", (unsigned long) g->Data1,
             g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5],
             g->Data4[6], g->Data4[7]);
    jb_str(j, key, tmp);
}

/* ---- the file ---- */
static void write_raw(const char *s, int n) {
    DWORD done;
    if (g_file != INVALID_HANDLE_VALUE) WriteFile(g_file, s, (DWORD) n, &done, NULL);
}

/* MAPI_WORKBENCH_TRACE, "{pid}" replaced by the process id; default %TEMP%\mapi-workbench-<pid>.trace.jsonl */
static void trace_path(WCHAR *out, DWORD cap) {
    WCHAR env[MAX_PATH];
    DWORD pid = GetCurrentProcessId();
    DWORD n = GetEnvironmentVariableW(L"MAPI_WORKBENCH_TRACE", env, MAX_PATH);
    if (n > 0 && n < MAX_PATH) {
        WCHAR *at = wcsstr(env, L"{pid}");
        if (at) {
            *at = 0;
            _snwprintf(out, cap, L"%ls%lu%ls", env, (unsigned long) pid, at + 5);
        } else {
            _snwprintf(out, cap, L"%ls", env);
        }
    } else {
        WCHAR tmp[MAX_PATH];
        DWORD t = GetTempPathW(MAX_PATH, tmp);
        if (t == 0 || t >= MAX_PATH) tmp[0] = 0;
        _snwprintf(out, cap, L"%lsmapi-workbench-%lu.trace.jsonl", tmp, (unsigned long) pid);
    }
    out[cap - 1] = 0;
}

static void open_locked(void) {
    if (g_opened) return;
    g_opened = 1;
    WCHAR path[MAX_PATH * 2];
    trace_path(path, MAX_PATH * 2);
    g_file = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, CREATE_ALWAYS,
                         FILE_ATTRIBUTE_NORMAL, NULL);
    if (g_file == INVALID_HANDLE_VALUE) return;
    WCHAR exe[MAX_PATH];
    DWORD n = GetModuleFileNameW(NULL, exe, MAX_PATH);
    exe[n < MAX_PATH ? n : MAX_PATH - 1] = 0;
    const WCHAR *real = real_path();
    WCHAR src[3 * MAX_PATH];
    _snwprintf(src, sizeof src / sizeof src[0],
               L"mapi-workbench recorder " RECORDER_VERSION " (" RECORDER_ARCH "): %ls, pid %lu, real MAPI %ls", exe,
               (unsigned long) GetCurrentProcessId(), real && real[0] ? real : L"(not loaded)");
    src[sizeof src / sizeof src[0] - 1] = 0;
    JBuf h = {{0}, 0};
    jb_str(&h, "schema", "mapi-workbench/trace/v1");
    jb_wstr(&h, "source", src);
    char line[sizeof h.b + 8];
    int len = snprintf(line, sizeof line, "{%s}\n", h.b);
    write_raw(line, len);
}

/* the calling thread's number: 1 for the first thread seen, 2 for the next, ... */
#define MAX_THREADS 256
static DWORD g_tids[MAX_THREADS];
static int g_ntids;
static unsigned long thread_number_locked(void) {
    DWORD t = GetCurrentThreadId();
    for (int i = 0; i < g_ntids; i++) if (g_tids[i] == t) return (unsigned long) i + 1;
    if (g_ntids < MAX_THREADS) { g_tids[g_ntids++] = t; return (unsigned long) g_ntids; }
    return 100000UL + t; /* beyond the table: still distinct per thread */
}

void trace_call(const char *api, int this_id, const JBuf *args, const JBuf *out, int has_hr, HRESULT hr,
                int has_ret, ULONG ret) {
    DWORD err = GetLastError(); /* the client may read GetLastError after a MAPI call */
    JBuf tail = {{0}, 0};
    if (has_hr) jb_hr(&tail, "hr", hr);
    if (has_ret) jb_num(&tail, "ret", ret);
    static char line[3 * sizeof(JBuf) + 512];
    rec_lock();
    open_locked();
    if (g_file != INVALID_HANDLE_VALUE) {
        int n = snprintf(line, sizeof line, "{\"seq\": %lu, \"thread\": %lu, \"api\": \"%s\"", ++g_seq,
                         thread_number_locked(), api);
        if (this_id > 0) n += snprintf(line + n, sizeof line - (size_t) n, ", \"this\": \"obj:%d\"", this_id);
        if (args && args->n) n += snprintf(line + n, sizeof line - (size_t) n, ", \"args\": {%s}", args->b);
        if (out && out->n) n += snprintf(line + n, sizeof line - (size_t) n, ", \"out\": {%s}", out->b);
        if (tail.n) n += snprintf(line + n, sizeof line - (size_t) n, ", %s", tail.b);
        n += snprintf(line + n, sizeof line - (size_t) n, "}\n");
        write_raw(line, n);
    }
    rec_unlock();
    SetLastError(err);
}

void trace_comment(const char *text) {
    DWORD err = GetLastError();
    rec_lock();
    open_locked();
    write_raw("// ", 3);
    write_raw(text, (int) strlen(text));
    write_raw("\n", 1);
    rec_unlock();
    SetLastError(err);
}

/* ---- buffers: a chained hash table pointer -> id ---- */
typedef struct BufEntry { void *p; int id; struct BufEntry *next; } BufEntry;
#define BUF_BUCKETS 4096
static BufEntry *g_bufs[BUF_BUCKETS];
static int g_buf_seq;
static unsigned bucket(void *p) { uintptr_t x = (uintptr_t) p; return (unsigned) ((x >> 4) ^ (x >> 16)) % BUF_BUCKETS; }

int buf_track(void *p) {
    if (!p) return 0;
    rec_lock();
    BufEntry **pp = &g_bufs[bucket(p)];
    BufEntry *e = *pp;
    while (e && e->p != p) e = e->next;
    if (!e) {
        e = calloc(1, sizeof *e);
        if (!e) { rec_unlock(); return 0; }
        e->p = p;
        e->next = *pp;
        *pp = e;
    }
    e->id = ++g_buf_seq; /* a pointer handed out again after its free is a new buffer */
    int id = e->id;
    rec_unlock();
    return id;
}
int buf_lookup(void *p) {
    int id = 0;
    rec_lock();
    for (BufEntry *e = g_bufs[bucket(p)]; e; e = e->next) if (e->p == p) { id = e->id; break; }
    rec_unlock();
    return id;
}
int buf_untrack(void *p) {
    int id = 0;
    rec_lock();
    for (BufEntry **pp = &g_bufs[bucket(p)]; *pp; pp = &(*pp)->next) {
        if ((*pp)->p == p) {
            BufEntry *e = *pp;
            id = e->id;
            *pp = e->next;
            free(e);
            break;
        }
    }
    rec_unlock();
    return id;
}
