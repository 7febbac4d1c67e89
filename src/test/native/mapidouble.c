/*
 * mapidouble: a native test double of Outlook's Extended MAPI surface, for the win32 backend's
 * contract tests on Linux x86-64 (SysV), whose struct layouts for these types equal Windows x64
 * (checked below with _Static_assert against mapi-reference.md section 4.2).
 *
 * It exports the MAPI32/ole32 functions the backend binds, hands out COM objects with the exact
 * vtable layouts of mapi-reference.md section 3 (unused slots point to per-slot stubs returning
 * MAPI_E_NO_SUPPORT), records every call (thread, interface, slot, method, object, arguments) in a
 * log the tests read through dbl_log_count/dbl_log_line, and delivers notifications to registered
 * advise sinks through their OnNotify slot (dbl_notify_*).
 */
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
/* Windows x64 build (src/test/recorder/build.sh, mingw-w64): the "real MAPI" behind the recorder's
   Wine tests. Only what differs is here; kernel32 is declared by hand so that windows.h's types do
   not clash with the MAPI typedefs below. */
__declspec(dllimport) unsigned long __stdcall GetCurrentThreadId(void);
__declspec(dllimport) void __stdcall AcquireSRWLockExclusive(void **lock);
__declspec(dllimport) void __stdcall ReleaseSRWLockExclusive(void **lock);
#define EXPORT __declspec(dllexport)
typedef void *pthread_mutex_t;
#define PTHREAD_MUTEX_INITIALIZER NULL
#define pthread_mutex_lock(m) AcquireSRWLockExclusive(m)
#define pthread_mutex_unlock(m) ReleaseSRWLockExclusive(m)
#else
#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>

#define EXPORT __attribute__((visibility("default")))
#endif

typedef uint32_t ULONG;
typedef int32_t LONG;
typedef int32_t HRESULT;
typedef uintptr_t ULONG_PTR;
typedef uint8_t BYTE;
typedef uint16_t WCHAR;

#define S_OK 0
#define S_FALSE 1
#define E_NOINTERFACE ((HRESULT)0x80004002)
#define MAPI_E_NO_SUPPORT ((HRESULT)0x80040102)
#define MAPI_E_INVALID_BOOKMARK ((HRESULT)0x80040405) /* MAPICode.h: MAKE_MAPI_E( 0x405 ) */
#define MAPI_E_INVALID_PARAMETER ((HRESULT)0x80070057)
#define MAPI_E_NOT_FOUND ((HRESULT)0x8004010F)
#define MAPI_E_LOGON_FAILED ((HRESULT)0x80040111)
#define MAPI_E_UNKNOWN_ENTRYID ((HRESULT)0x80040201)
#define MAPI_E_NOT_INITIALIZED ((HRESULT)0x80040605)
#define MAPI_E_INVALID_OBJECT ((HRESULT)0x80040108)
#define MAPI_W_ERRORS_RETURNED ((HRESULT)0x00040380)
#define MAPI_E_UNABLE_TO_ABORT ((HRESULT)0x80040114) /* MAPICode.h:118 */
#define MAPI_E_NOT_IN_QUEUE ((HRESULT)0x80040601)    /* MAPICode.h:181 */
#define PR_SUBMIT_FLAGS 0x0E140003u
#define SUBMITFLAG_LOCKED 0x1u
#define MSGFLAG_SUBMIT 0x4u
#define MAPI_E_TOO_COMPLEX_DBL ((HRESULT)0x80040117)

#define MAPI_UNICODE 0x80000000u
#define PT_LONG 0x0003
#define PT_ERROR 0x000A
#define PT_BOOLEAN 0x000B
#define PT_I8 0x0014
#define PT_STRING8 0x001E
#define PT_UNICODE 0x001F
#define PT_SYSTIME 0x0040
#define PT_BINARY 0x0102
#define PROP_TYPE(t) ((t) & 0xFFFF)

#define PR_ENTRYID 0x0FFF0102u
#define PR_DISPLAY_NAME_W 0x3001001Fu
#define PR_SUBJECT_W 0x0037001Fu
#define PR_MESSAGE_FLAGS 0x0E070003u
#define PR_DEFAULT_STORE 0x3400000Bu
#define PR_IPM_SUBTREE_ENTRYID 0x35E00102u
#define PR_IPM_OUTBOX_ENTRYID 0x35E20102u
#define PR_IPM_SENTMAIL_ENTRYID 0x35E40102u
#define PR_RESOURCE_METHODS 0x3E020003u
#define PR_RESOURCE_TYPE 0x3E030003u
#define PR_STATUS_CODE 0x3E040003u
#define PR_INSTANCE_KEY 0x0FF60102u
#define PR_EMAIL_ADDRESS_W 0x3003001Fu
#define PR_CONTENT_COUNT 0x36020003u
#define PR_OBJECT_TYPE 0x0FFE0003u
#define PR_MESSAGE_ATTACHMENTS 0x0E13000Du /* PROP_TAG(PT_OBJECT, 0x0E13) */

/* ---- structures (MAPIDefS.h field order; Windows x64 layout) ---- */
typedef struct { ULONG cb; BYTE *lpb; } SBinary;
typedef struct { uint32_t dwLowDateTime, dwHighDateTime; } FILETIME;
typedef union {
    int16_t i; LONG l; ULONG ul; float flt; double dbl; uint16_t b;
    char *lpszA; WCHAR *lpszW; SBinary bin; FILETIME ft; int64_t li; LONG err; void *lpv;
    LONG x; /* case PT_NULL, PT_OBJECT (no usable value): MAPIDefS.h:551 */
} PV;
typedef struct { ULONG ulPropTag; ULONG dwAlignPad; PV Value; } SPropValue;
typedef struct { ULONG cValues; ULONG aulPropTag[1]; } SPropTagArray;
typedef struct { ULONG ulAdrEntryPad; ULONG cValues; SPropValue *lpProps; } SRow;
typedef struct { ULONG cRows; SRow aRow[1]; } SRowSet;
typedef SRow ADRENTRY; /* ulReserved1, cValues, rgPropVals: same layout */
typedef struct { ULONG cEntries; ADRENTRY aEntries[1]; } ADRLIST;
typedef struct { ULONG ulVersion; char *lpszError; char *lpszComponent; ULONG ulLowLevelError; ULONG ulContext; } MAPIERROR;
typedef struct { ULONG cbEntryID; void *lpEntryID; LONG scode; ULONG ulFlags; MAPIERROR *lpMAPIError; } ERROR_NOTIFICATION;
typedef struct { ULONG cbEntryID; void *lpEntryID; ULONG cbParentID; void *lpParentID; ULONG ulFlags;
                 char *lpszMessageClass; ULONG ulMessageFlags; } NEWMAIL_NOTIFICATION;
typedef struct { ULONG cbEntryID; void *lpEntryID; ULONG ulObjType; ULONG cbParentID; void *lpParentID;
                 ULONG cbOldID; void *lpOldID; ULONG cbOldParentID; void *lpOldParentID;
                 SPropTagArray *lpPropTagArray; } OBJECT_NOTIFICATION;
typedef struct { ULONG ulTableEvent; HRESULT hResult; SPropValue propIndex; SPropValue propPrior; SRow row;
                 ULONG ulPad; } TABLE_NOTIFICATION;
typedef struct { ULONG ulEvent; ULONG cb; BYTE *pbEventParameters; } EXTENDED_NOTIFICATION;
typedef struct { ULONG cbEntryID; void *lpEntryID; ULONG cValues; SPropValue *lpPropVals; } STATUS_OBJECT_NOTIFICATION;
typedef struct {
    ULONG ulEventType; ULONG ulAlignPad;
    union { ERROR_NOTIFICATION err; NEWMAIL_NOTIFICATION newmail; OBJECT_NOTIFICATION obj;
            TABLE_NOTIFICATION tab; EXTENDED_NOTIFICATION ext; STATUS_OBJECT_NOTIFICATION statobj; } info;
} NOTIFICATION;
typedef struct { ULONG ulVersion; ULONG ulFlags; } MAPIINIT_0;

/* mapi-reference.md 4.2, checked at compile time */
_Static_assert(sizeof(SBinary) == 16, "SBinary");
_Static_assert(sizeof(SPropValue) == 24 && offsetof(SPropValue, Value) == 8, "SPropValue");
_Static_assert(sizeof(SRow) == 16 && offsetof(SRow, lpProps) == 8, "SRow");
_Static_assert(offsetof(SRowSet, aRow) == 8, "SRowSet");
_Static_assert(sizeof(MAPIERROR) == 32 && offsetof(MAPIERROR, ulLowLevelError) == 24, "MAPIERROR");
_Static_assert(sizeof(ERROR_NOTIFICATION) == 32 && offsetof(ERROR_NOTIFICATION, scode) == 16
               && offsetof(ERROR_NOTIFICATION, lpMAPIError) == 24, "ERROR_NOTIFICATION");
_Static_assert(sizeof(NEWMAIL_NOTIFICATION) == 56 && offsetof(NEWMAIL_NOTIFICATION, lpszMessageClass) == 40, "NEWMAIL");
_Static_assert(sizeof(OBJECT_NOTIFICATION) == 72 && offsetof(OBJECT_NOTIFICATION, cbParentID) == 20
               && offsetof(OBJECT_NOTIFICATION, lpPropTagArray) == 64, "OBJECT_NOTIFICATION");
_Static_assert(sizeof(TABLE_NOTIFICATION) == 80 && offsetof(TABLE_NOTIFICATION, propPrior) == 32
               && offsetof(TABLE_NOTIFICATION, row) == 56 && offsetof(TABLE_NOTIFICATION, ulPad) == 72, "TABLE_NOTIFICATION");
_Static_assert(sizeof(EXTENDED_NOTIFICATION) == 16, "EXTENDED_NOTIFICATION");
_Static_assert(sizeof(STATUS_OBJECT_NOTIFICATION) == 32, "STATUS_OBJECT_NOTIFICATION");
_Static_assert(sizeof(NOTIFICATION) == 88 && offsetof(NOTIFICATION, info) == 8, "NOTIFICATION");
_Static_assert(sizeof(MAPIINIT_0) == 8, "MAPIINIT_0");

/* ---- the call log ---- */
#define LOG_MAX 8192
#define MAX_ARGS 8
typedef struct {
    long tid; char iface[32]; int slot; char method[32]; uint64_t obj;
    int nargs; uint64_t args[MAX_ARGS]; char text[160];
} Entry;
static Entry g_log[LOG_MAX];
static int g_log_n;
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;

#ifdef _WIN32
static long tid(void) { return (long) GetCurrentThreadId(); }
#else
static long tid(void) { return (long) syscall(SYS_gettid); }
#endif

static void logv(const char *iface, int slot, const char *method, const void *obj, const char *text,
                 int nargs, const uint64_t *args) {
    pthread_mutex_lock(&g_mu);
    if (g_log_n < LOG_MAX) {
        Entry *e = &g_log[g_log_n++];
        e->tid = tid();
        snprintf(e->iface, sizeof e->iface, "%s", iface);
        e->slot = slot;
        snprintf(e->method, sizeof e->method, "%s", method);
        e->obj = (uint64_t) (uintptr_t) obj;
        e->nargs = nargs > MAX_ARGS ? MAX_ARGS : nargs;
        for (int i = 0; i < e->nargs; i++) e->args[i] = args[i];
        snprintf(e->text, sizeof e->text, "%s", text ? text : "");
    }
    pthread_mutex_unlock(&g_mu);
}
#define LOG(iface, slot, method, obj, text, ...) do { \
        uint64_t a_[] = {0, ##__VA_ARGS__}; \
        logv(iface, slot, method, obj, text, (int) (sizeof a_ / sizeof a_[0]) - 1, a_ + 1); } while (0)
#define U(x) ((uint64_t) (uintptr_t) (x))

/* ---- MAPI memory: chained blocks (parent + AllocateMore children) ---- */
typedef struct Block { struct Block *next_root, *parent, *first_child, *next_sibling; size_t size; uint64_t pad; } Block;
static Block *g_roots;

static void *block_data(Block *b) { return (char *) b + sizeof(Block); }
static Block *find_root(void *p) {
    for (Block *b = g_roots; b; b = b->next_root) if (block_data(b) == p) return b;
    return NULL;
}
static void *alloc_root(size_t n) {
    Block *b = calloc(1, sizeof(Block) + n + 1);
    b->size = n;
    b->next_root = g_roots;
    g_roots = b;
    return block_data(b);
}
static void *alloc_more(size_t n, void *parent) {
    Block *root = find_root(parent);
    if (!root) return NULL;
    Block *b = calloc(1, sizeof(Block) + n + 1);
    b->size = n;
    b->parent = root;
    b->next_sibling = root->first_child;
    root->first_child = b;
    return block_data(b);
}
static int free_root(void *p) {
    Block **pp = &g_roots;
    while (*pp && block_data(*pp) != p) pp = &(*pp)->next_root;
    if (!*pp) return 0;
    Block *b = *pp;
    *pp = b->next_root;
    for (Block *c = b->first_child; c;) { Block *n = c->next_sibling; free(c); c = n; }
    free(b);
    return 1;
}

/* ---- string helpers ---- */
static size_t wlen(const WCHAR *w) { size_t n = 0; while (w[n]) n++; return n; }
static void w2a(const WCHAR *w, char *out, size_t cap) {
    size_t i = 0;
    if (!w) { out[0] = 0; return; }
    for (; w[i] && i + 1 < cap; i++) out[i] = w[i] < 128 ? (char) w[i] : '?';
    out[i] = 0;
}
static WCHAR *a2w_more(const char *s, void *parent) {
    size_t n = strlen(s);
    WCHAR *w = parent ? alloc_more((n + 1) * 2, parent) : calloc(n + 1, 2);
    for (size_t i = 0; i < n; i++) w[i] = (unsigned char) s[i];
    w[n] = 0;
    return w;
}
static void hex(const BYTE *b, ULONG cb, char *out, size_t cap) {
    size_t o = 0;
    for (ULONG i = 0; i < cb && o + 3 < cap; i++) o += snprintf(out + o, cap - o, "%02X", b[i]);
    out[o] = 0;
}

/* ---- property bags (deep copies, malloc'd) ---- */
#define BAG_MAX 24
typedef struct { int n; SPropValue v[BAG_MAX]; } Bag;

static void bag_put(Bag *bag, const SPropValue *src) {
    SPropValue copy = *src;
    switch (PROP_TYPE(src->ulPropTag)) {
        case PT_UNICODE: {
            size_t n = wlen(src->Value.lpszW);
            copy.Value.lpszW = calloc(n + 1, 2);
            memcpy(copy.Value.lpszW, src->Value.lpszW, n * 2);
            break;
        }
        case PT_STRING8: copy.Value.lpszA = strdup(src->Value.lpszA); break;
        case PT_BINARY:
            copy.Value.bin.lpb = malloc(src->Value.bin.cb + 1);
            memcpy(copy.Value.bin.lpb, src->Value.bin.lpb, src->Value.bin.cb);
            break;
        default: break;
    }
    for (int i = 0; i < bag->n; i++) {
        if (PROP_TYPE(bag->v[i].ulPropTag) != PT_ERROR && (bag->v[i].ulPropTag >> 16) == (src->ulPropTag >> 16)) {
            bag->v[i] = copy;
            return;
        }
    }
    if (bag->n < BAG_MAX) bag->v[bag->n++] = copy;
}
static void bag_long(Bag *b, ULONG tag, LONG v) { SPropValue p = {tag, 0, {0}}; p.Value.l = v; bag_put(b, &p); }
static void bag_bool(Bag *b, ULONG tag, int v) { SPropValue p = {tag, 0, {0}}; p.Value.b = (uint16_t) v; bag_put(b, &p); }
static void bag_str(Bag *b, ULONG tag, const char *s) {
    SPropValue p = {tag, 0, {0}};
    p.Value.lpszW = a2w_more(s, NULL);
    bag_put(b, &p);
    free(p.Value.lpszW);
}
static void bag_bin(Bag *b, ULONG tag, const char *text) { /* 4 zero flag bytes + ASCII text: an ENTRYID */
    SPropValue p = {tag, 0, {0}};
    size_t n = strlen(text);
    BYTE buf[128] = {0};
    memcpy(buf + 4, text, n);
    p.Value.bin.cb = (ULONG) (4 + n);
    p.Value.bin.lpb = buf;
    bag_put(b, &p);
}
static const SPropValue *bag_get(const Bag *b, ULONG tag) {
    for (int i = 0; i < b->n; i++) if (b->v[i].ulPropTag == tag) return &b->v[i];
    return NULL;
}
/* copies one value into MAPI memory owned by `root` */
static void copy_out(SPropValue *dst, const SPropValue *src, void *root) {
    *dst = *src;
    switch (PROP_TYPE(src->ulPropTag)) {
        case PT_UNICODE: {
            size_t n = wlen(src->Value.lpszW);
            dst->Value.lpszW = alloc_more((n + 1) * 2, root);
            memcpy(dst->Value.lpszW, src->Value.lpszW, (n + 1) * 2);
            break;
        }
        case PT_STRING8:
            dst->Value.lpszA = alloc_more(strlen(src->Value.lpszA) + 1, root);
            strcpy(dst->Value.lpszA, src->Value.lpszA);
            break;
        case PT_BINARY:
            dst->Value.bin.lpb = alloc_more(src->Value.bin.cb + 1, root);
            memcpy(dst->Value.bin.lpb, src->Value.bin.lpb, src->Value.bin.cb);
            break;
        default: break;
    }
}

/* ---- objects ---- */
enum Kind { K_SESSION, K_STORE, K_FOLDER, K_MESSAGE, K_TABLE, K_STATUS, K_ADDRBOOK, K_SHUTDOWN, K_COUNT };
static const char *IFACE[] = {"IMAPISession", "IMsgStore", "IMAPIFolder", "IMessage", "IMAPITable", "IMAPIStatus", "IAddrBook",
                              "IMAPIClientShutdown"};

#define MAX_ROWS 16
struct Obj;
typedef struct { int n; struct Obj *m[MAX_ROWS]; } MsgList;
static MsgList g_outbox_list; /* every Outbox folder object shows the same messages */

typedef struct Obj {
    void **lpVtbl;
    enum Kind kind;
    ULONG refs;
    char name[96];
    Bag props;
    /* tables */
    int nrows; Bag *rows[MAX_ROWS]; int cursor; ULONG ncols; ULONG cols[32];
    /* table bookmarks: pointer-sized values above 32 bits (as a provider's pointer would be), each a row index */
    int nbm; uint64_t bm[8]; int bmpos[8];
    /* folders: their messages; tables: the folder whose contents they show (live) */
    MsgList own; MsgList *list; struct Obj *folder;
    struct Obj *next_all;
} Obj;
static Obj *g_objs;
static int g_obj_seq;

#define SLOTS 32
static void *vt[K_COUNT][SLOTS];

static Obj *new_obj(enum Kind k, const char *name) {
    Obj *o = calloc(1, sizeof(Obj));
    o->lpVtbl = vt[k];
    o->kind = k;
    o->refs = 1;
    snprintf(o->name, sizeof o->name, "%s", name);
    o->next_all = g_objs;
    g_objs = o;
    g_obj_seq++;
    return o;
}
#define IF(o) (IFACE[(o)->kind])

/* per-slot stubs: log and return MAPI_E_NO_SUPPORT */
#define STUB(n) static HRESULT stub_##n(Obj *self) { LOG(IF(self), n, "unsupported", self, ""); return MAPI_E_NO_SUPPORT; }
STUB(0) STUB(1) STUB(2) STUB(3) STUB(4) STUB(5) STUB(6) STUB(7) STUB(8) STUB(9) STUB(10) STUB(11) STUB(12) STUB(13)
STUB(14) STUB(15) STUB(16) STUB(17) STUB(18) STUB(19) STUB(20) STUB(21) STUB(22) STUB(23) STUB(24) STUB(25)
STUB(26) STUB(27) STUB(28) STUB(29) STUB(30) STUB(31)
static void *STUBS[SLOTS] = {stub_0, stub_1, stub_2, stub_3, stub_4, stub_5, stub_6, stub_7, stub_8, stub_9, stub_10,
    stub_11, stub_12, stub_13, stub_14, stub_15, stub_16, stub_17, stub_18, stub_19, stub_20, stub_21, stub_22,
    stub_23, stub_24, stub_25, stub_26, stub_27, stub_28, stub_29, stub_30, stub_31};

/* ---- IUnknown (0-2) ---- */
static const BYTE IID_IUnknown[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46};
/* IID_IMAPIClientShutdown: DEFINE_OLEGUID(0x00020397, 0, 0) (MAPIGuid.h:440), GUID byte layout.
 * The Windows build (the recorder's Wine tests) answers with its own declining IMAPIClientShutdown
 * (win_query_interface); the settable-policy one below is the Linux contract tests'. */
static const BYTE IID_IMAPIClientShutdown[16] = {0x97, 0x03, 0x02, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46};
static HRESULT g_query_fast_shutdown = S_OK; /* dbl_set_query_fast_shutdown: the "policy" */
#ifdef _WIN32
static int win_query_interface(Obj *self, const BYTE *riid, void **ppv);
#endif
static HRESULT QueryInterface(Obj *self, const BYTE *riid, void **ppv) {
#ifndef _WIN32
    int shutdown = riid && memcmp(riid, IID_IMAPIClientShutdown, 16) == 0;
#else
    int shutdown = 0;
#endif
    LOG(IF(self), 0, "QueryInterface", self, shutdown ? "IID_IMAPIClientShutdown" : "");
    if (!ppv) return MAPI_E_INVALID_PARAMETER;
    if (riid && memcmp(riid, IID_IUnknown, 16) == 0) { self->refs++; *ppv = self; return S_OK; }
    if (shutdown && self->kind == K_SESSION) {
        /* a new object per QueryInterface: the session exposes IMAPIClientShutdown (imapiclientshutdowniunknown.md) */
        char name[96];
        snprintf(name, sizeof name, "client shutdown of %.60s", self->name);
        *ppv = new_obj(K_SHUTDOWN, name);
        return S_OK;
    }
#ifdef _WIN32
    if (win_query_interface(self, riid, ppv)) return S_OK;
#endif
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG AddRef(Obj *self) { self->refs++; LOG(IF(self), 1, "AddRef", self, self->name, self->refs); return self->refs; }
static ULONG Release(Obj *self) {
    if (self->refs > 0) self->refs--;
    LOG(IF(self), 2, "Release", self, self->name, self->refs);
    return self->refs;
}

/* ---- advise connections (8-byte numbers, all above 2^32) ---- */
typedef void *(*SinkFn)(void *);
typedef struct { uint64_t conn; Obj *source; void **sink; int active; } Conn;
#define MAX_CONNS 64
static Conn g_conns[MAX_CONNS];
static int g_nconns;

static ULONG sink_call_addref(void **sink) { return ((ULONG (*)(void *)) ((void **) *sink)[1])(sink); }
static ULONG sink_call_release(void **sink) { return ((ULONG (*)(void *)) ((void **) *sink)[2])(sink); }
static ULONG sink_call_onnotify(void **sink, ULONG n, NOTIFICATION *notif) {
    return ((ULONG (*)(void *, ULONG, NOTIFICATION *)) ((void **) *sink)[3])(sink, n, notif);
}

static HRESULT do_advise(Obj *self, int slot, ULONG cb, const BYTE *eid, ULONG mask, void **sink, uint64_t *conn) {
    char text[96] = "";
    if (eid) hex(eid, cb, text, sizeof text);
    if (!sink || !conn || g_nconns >= MAX_CONNS) {
        LOG(IF(self), slot, "Advise", self, text, cb, mask, U(sink));
        return MAPI_E_INVALID_PARAMETER;
    }
    Conn *c = &g_conns[g_nconns];
    c->conn = ((uint64_t) (g_nconns + 1) << 32) | (uint64_t) (0xC0 + g_nconns);
    c->source = self;
    c->sink = sink;
    c->active = 1;
    g_nconns++;
    ULONG refs = sink_call_addref(sink);
    LOG(IF(self), slot, "Advise", self, text, cb, mask, U(sink), c->conn, refs);
    *conn = c->conn;
    return S_OK;
}
static HRESULT do_unadvise(Obj *self, int slot, uint64_t conn) {
    for (int i = 0; i < g_nconns; i++) {
        Conn *c = &g_conns[i];
        if (c->active && c->conn == conn && c->source == self) {
            c->active = 0;
            ULONG refs = sink_call_release(c->sink);
            LOG(IF(self), slot, "Unadvise", self, "", conn, refs);
            return S_OK;
        }
    }
    LOG(IF(self), slot, "Unadvise", self, "not found", conn);
    return MAPI_E_NOT_FOUND;
}

/* ---- tables ---- */
static Obj *new_table(const char *name) { return new_obj(K_TABLE, name); }
static void table_add_row(Obj *t, Bag *row) { if (t->nrows < MAX_ROWS) t->rows[t->nrows++] = row; }
/* a contents table reads its folder's messages at every call, as a real table does */
static void table_refresh(Obj *t) {
    if (!t->folder) return;
    t->nrows = t->folder->list->n;
    for (int i = 0; i < t->nrows; i++) t->rows[i] = &t->folder->list->m[i]->props;
    if (t->cursor > t->nrows) t->cursor = t->nrows;
}

static HRESULT T_Advise(Obj *self, ULONG mask, void **sink, uint64_t *conn) { return do_advise(self, 4, 0, NULL, mask, sink, conn); }
static HRESULT T_Unadvise(Obj *self, uint64_t conn) { return do_unadvise(self, 5, conn); }
static HRESULT T_SetColumns(Obj *self, SPropTagArray *cols, ULONG flags) {
    if (!cols) { LOG(IF(self), 7, "SetColumns", self, "", 0, flags); return MAPI_E_INVALID_PARAMETER; }
    self->ncols = cols->cValues > 32 ? 32 : cols->cValues;
    char text[160] = "";
    size_t o = 0;
    for (ULONG i = 0; i < self->ncols; i++) {
        self->cols[i] = cols->aulPropTag[i];
        o += snprintf(text + o, sizeof text - o, "%s%08X", i ? "," : "", cols->aulPropTag[i]);
        if (o >= sizeof text) break;
    }
    LOG(IF(self), 7, "SetColumns", self, text, cols->cValues, flags);
    return S_OK;
}
static HRESULT T_GetRowCount(Obj *self, ULONG flags, ULONG *count) {
    table_refresh(self);
    LOG(IF(self), 9, "GetRowCount", self, self->name, flags);
    *count = (ULONG) self->nrows;
    return S_OK;
}
static HRESULT T_SeekRow(Obj *self, ULONG_PTR bookmark, LONG rows, LONG *sought) {
    LOG(IF(self), 10, "SeekRow", self, "", bookmark, (uint64_t) (int64_t) rows);
    table_refresh(self);
    int start;
    if (bookmark == 0) start = 0;             /* BOOKMARK_BEGINNING */
    else if (bookmark == 1) start = self->cursor; /* BOOKMARK_CURRENT */
    else if (bookmark == 2) start = self->nrows;  /* BOOKMARK_END */
    else {
        int i = 0;
        while (i < self->nbm && self->bm[i] != bookmark) i++;
        if (i == self->nbm) return MAPI_E_INVALID_BOOKMARK;
        start = self->bmpos[i] > self->nrows ? self->nrows : self->bmpos[i];
    }
    int target = start + rows;
    if (target < 0) target = 0;
    if (target > self->nrows) target = self->nrows;
    if (sought) *sought = target - start;
    self->cursor = target;
    return S_OK;
}
static HRESULT T_CreateBookmark(Obj *self, uint64_t *out) {
    if (!out) return MAPI_E_INVALID_PARAMETER;
    if (self->nbm == 8) { LOG(IF(self), 15, "CreateBookmark", self, "full"); return MAPI_E_NOT_FOUND; }
    static uint64_t seq = 0x7F0000001000ULL;
    self->bm[self->nbm] = seq++;
    self->bmpos[self->nbm] = self->cursor;
    *out = self->bm[self->nbm++];
    LOG(IF(self), 15, "CreateBookmark", self, "", *out);
    return S_OK;
}
static HRESULT T_FreeBookmark(Obj *self, uint64_t bookmark) {
    LOG(IF(self), 16, "FreeBookmark", self, "", bookmark);
    for (int i = 0; i < self->nbm; i++) {
        if (self->bm[i] == bookmark) {
            self->bm[i] = self->bm[self->nbm - 1];
            self->bmpos[i] = self->bmpos[self->nbm - 1];
            self->nbm--;
            return S_OK;
        }
    }
    return MAPI_E_INVALID_BOOKMARK;
}
static HRESULT T_QueryRows(Obj *self, LONG count, ULONG flags, SRowSet **out) {
    table_refresh(self);
    int n = self->nrows - self->cursor;
    if (count < n) n = count < 0 ? 0 : count;
    SRowSet *set = alloc_root(8 + 16 * (size_t) (n > 0 ? n : 1));
    set->cRows = (ULONG) n;
    for (int r = 0; r < n; r++) {
        Bag *row = self->rows[self->cursor + r];
        ULONG nc = self->ncols ? self->ncols : (ULONG) row->n;
        SPropValue *props = alloc_root(sizeof(SPropValue) * (nc ? nc : 1));
        for (ULONG c = 0; c < nc; c++) {
            const SPropValue *v = self->ncols ? bag_get(row, self->cols[c]) : &row->v[c];
            if (v) copy_out(&props[c], v, props);
            else { props[c].ulPropTag = (self->cols[c] & 0xFFFF0000u) | PT_ERROR; props[c].Value.err = MAPI_E_NOT_FOUND; }
        }
        set->aRow[r].cValues = nc;
        set->aRow[r].lpProps = props;
    }
    self->cursor += n;
    LOG(IF(self), 19, "QueryRows", self, self->name, (uint64_t) (int64_t) count, flags, U(set), (uint64_t) n);
    *out = set;
    return S_OK;
}

/* ---- SortTable (17) and Restrict (14): what arrived, written out from the x64 layouts (mingw mapidefs.h) ---- */
typedef struct { ULONG ulPropTag; ULONG ulOrder; } SSortOrder;
typedef struct { ULONG cSorts; ULONG cCategories; ULONG cExpanded; SSortOrder aSort[1]; } SSortOrderSet;
typedef struct SRestriction_ SRestriction;
typedef struct { ULONG cRes; SRestriction *lpRes; } SAndRestriction; /* also SOrRestriction */
typedef struct { ULONG ulReserved; SRestriction *lpRes; } SNotRestriction;
typedef struct { ULONG relop; ULONG ulPropTag; SPropValue *lpProp; } SPropertyRestriction;
typedef struct { ULONG relBMR; ULONG ulPropTag; ULONG ulMask; } SBitMaskRestriction;
typedef struct { ULONG ulReserved1; ULONG ulPropTag; ULONG ulReserved2; } SExistRestriction;
struct SRestriction_ {
    ULONG rt;
    union { SAndRestriction resAnd; SNotRestriction resNot; SPropertyRestriction resProperty;
            SBitMaskRestriction resBitMask; SExistRestriction resExist; char pad[24]; } res;
};
_Static_assert(sizeof(SSortOrder) == 8 && offsetof(SSortOrderSet, aSort) == 12, "SSortOrderSet");
_Static_assert(sizeof(SRestriction) == 32 && offsetof(SRestriction, res) == 8, "SRestriction");
_Static_assert(sizeof(SAndRestriction) == 16 && offsetof(SAndRestriction, lpRes) == 8, "SAndRestriction");
_Static_assert(sizeof(SPropertyRestriction) == 16 && offsetof(SPropertyRestriction, lpProp) == 8, "SPropertyRestriction");
_Static_assert(sizeof(SBitMaskRestriction) == 12 && offsetof(SBitMaskRestriction, ulMask) == 8, "SBitMaskRestriction");

/* AND(..) OR(..) NOT(..) PROP(relop,tag,value) BITMASK(rel,tag,mask) EXIST(tag) */
static size_t res_text(const SRestriction *r, char *b, size_t cap, size_t o, int depth) {
    if (o >= cap) return o;
    if (!r || depth > 8) return o + snprintf(b + o, cap - o, "?");
    switch (r->rt) {
        case 0: case 1: {
            o += snprintf(b + o, cap - o, r->rt == 0 ? "AND(" : "OR(");
            for (ULONG i = 0; i < r->res.resAnd.cRes && o < cap; i++) {
                if (i) o += snprintf(b + o, cap - o, ",");
                o = res_text(&r->res.resAnd.lpRes[i], b, cap, o, depth + 1);
            }
            return o < cap ? o + snprintf(b + o, cap - o, ")") : o;
        }
        case 2:
            o += snprintf(b + o, cap - o, "NOT(");
            o = res_text(r->res.resNot.lpRes, b, cap, o, depth + 1);
            return o < cap ? o + snprintf(b + o, cap - o, ")") : o;
        case 4: {
            const SPropValue *v = r->res.resProperty.lpProp;
            o += snprintf(b + o, cap - o, "PROP(%u,%08X,", r->res.resProperty.relop, r->res.resProperty.ulPropTag);
            if (o >= cap) return o;
            if (!v) o += snprintf(b + o, cap - o, "null");
            else if (PROP_TYPE(v->ulPropTag) == PT_LONG) o += snprintf(b + o, cap - o, "%08X=%d", v->ulPropTag, v->Value.l);
            else if (PROP_TYPE(v->ulPropTag) == PT_UNICODE) {
                char s[48];
                w2a(v->Value.lpszW, s, sizeof s);
                o += snprintf(b + o, cap - o, "%08X=%s", v->ulPropTag, s);
            } else o += snprintf(b + o, cap - o, "%08X", v->ulPropTag);
            return o < cap ? o + snprintf(b + o, cap - o, ")") : o;
        }
        case 6:
            return o + snprintf(b + o, cap - o, "BITMASK(%u,%08X,%08X)", r->res.resBitMask.relBMR,
                                r->res.resBitMask.ulPropTag, r->res.resBitMask.ulMask);
        case 8:
            return o + snprintf(b + o, cap - o, "EXIST(%08X)", r->res.resExist.ulPropTag);
        default:
            return o + snprintf(b + o, cap - o, "RT%u", r->rt);
    }
}
static HRESULT T_Restrict(Obj *self, SRestriction *r, ULONG flags) {
    char text[160] = "";
    if (r) res_text(r, text, sizeof text, 0, 0);
    else snprintf(text, sizeof text, "none");
    LOG(IF(self), 14, "Restrict", self, text, U(r), flags);
    self->cursor = 0;
    self->nbm = 0; /* every bookmark is freed (MS-OXCTABL 3.2.5.3) */
    return S_OK;
}
static HRESULT T_SortTable(Obj *self, SSortOrderSet *s, ULONG flags) {
    if (!s) { LOG(IF(self), 17, "SortTable", self, "", 0, flags); return MAPI_E_INVALID_PARAMETER; }
    char text[160] = "";
    size_t o = snprintf(text, sizeof text, "%u/%u/%u", s->cSorts, s->cCategories, s->cExpanded);
    for (ULONG i = 0; i < s->cSorts && o < sizeof text; i++)
        o += snprintf(text + o, sizeof text - o, " %08X:%u", s->aSort[i].ulPropTag, s->aSort[i].ulOrder);
    LOG(IF(self), 17, "SortTable", self, text, U(s), flags);
    self->cursor = 0;
    self->nbm = 0;
    return S_OK;
}

/* ---- IMAPIProp (3-13) ---- */
static HRESULT P_SaveChanges(Obj *self, ULONG flags) { LOG(IF(self), 4, "SaveChanges", self, self->name, flags); return S_OK; }
static HRESULT P_GetProps(Obj *self, SPropTagArray *tags, ULONG flags, ULONG *count, SPropValue **out) {
    if (!tags || !count || !out) { LOG(IF(self), 5, "GetProps", self, "", 0, flags); return MAPI_E_INVALID_PARAMETER; }
    char text[160] = "";
    size_t o = 0;
    HRESULT hr = S_OK;
    SPropValue *vals = alloc_root(sizeof(SPropValue) * (tags->cValues ? tags->cValues : 1));
    for (ULONG i = 0; i < tags->cValues; i++) {
        ULONG tag = tags->aulPropTag[i];
        if (o < sizeof text) o += snprintf(text + o, sizeof text - o, "%s%08X", i ? "," : "", tag);
        const SPropValue *v = bag_get(&self->props, tag);
        if (v) copy_out(&vals[i], v, vals);
        else { vals[i].ulPropTag = (tag & 0xFFFF0000u) | PT_ERROR; vals[i].Value.err = MAPI_E_NOT_FOUND; hr = MAPI_W_ERRORS_RETURNED; }
    }
    LOG(IF(self), 5, "GetProps", self, text, tags->cValues, flags, U(vals));
    *count = tags->cValues;
    *out = vals;
    return hr;
}
static HRESULT P_SetProps(Obj *self, ULONG n, SPropValue *vals, void **problems) {
    char text[160] = "";
    size_t o = 0;
    for (ULONG i = 0; i < n; i++) {
        bag_put(&self->props, &vals[i]);
        if (o >= sizeof text) continue;
        if (PROP_TYPE(vals[i].ulPropTag) == PT_UNICODE) {
            char s[64];
            w2a(vals[i].Value.lpszW, s, sizeof s);
            o += snprintf(text + o, sizeof text - o, "%s%08X=%s", i ? "," : "", vals[i].ulPropTag, s);
        } else if (PROP_TYPE(vals[i].ulPropTag) == PT_LONG) {
            o += snprintf(text + o, sizeof text - o, "%s%08X=%d", i ? "," : "", vals[i].ulPropTag, vals[i].Value.l);
        } else {
            o += snprintf(text + o, sizeof text - o, "%s%08X", i ? "," : "", vals[i].ulPropTag);
        }
    }
    LOG(IF(self), 8, "SetProps", self, text, n);
    if (problems) *problems = NULL;
    return S_OK;
}

/* ---- entry ids: 4 zero flag bytes + "KIND:name" ---- */
static Obj *g_spooler_status, *g_store;
static Obj *open_by_entryid(ULONG cb, const BYTE *eid, ULONG *type) {
    char s[96] = "";
    if (!eid || cb < 5 || cb - 4 >= sizeof s) return NULL;
    memcpy(s, eid + 4, cb - 4);
    s[cb - 4] = 0;
    if (strncmp(s, "FOLDER:", 7) == 0) {
        Obj *f = new_obj(K_FOLDER, s + 7);
        bag_str(&f->props, PR_DISPLAY_NAME_W, s + 7);
        bag_bin(&f->props, PR_ENTRYID, s);
        f->list = strcmp(s + 7, "Outbox") == 0 ? &g_outbox_list : &f->own;
        bag_long(&f->props, PR_CONTENT_COUNT, f->list->n);
        *type = 3;
        return f;
    }
    if (strncmp(s, "STATUS:", 7) == 0) {
        Obj *st = new_obj(K_STATUS, s + 7);
        bag_str(&st->props, PR_DISPLAY_NAME_W, s + 7);
        bag_long(&st->props, PR_RESOURCE_METHODS, strcmp(s + 7, "Spooler") == 0 ? 0x9 : 0x1);
        bag_long(&st->props, PR_STATUS_CODE, 0x1);
        if (strcmp(s + 7, "Spooler") == 0) g_spooler_status = st;
        *type = 10;
        return st;
    }
    if (strncmp(s, "STORE:", 6) == 0) {
        *type = 1;
        return NULL; /* stores are opened with OpenMsgStore */
    }
    return NULL;
}
static HRESULT open_entry(Obj *self, int slot, ULONG cb, const BYTE *eid, const void *iid, ULONG flags, ULONG *type, Obj **out) {
    char text[96] = "";
    if (eid) hex(eid, cb, text, sizeof text);
    ULONG t = 0;
    Obj *o = open_by_entryid(cb, eid, &t);
    LOG(IF(self), slot, "OpenEntry", self, text, cb, U(iid), flags, U(o));
    if (!o) return MAPI_E_UNKNOWN_ENTRYID;
    if (type) *type = t;
    *out = o;
    return S_OK;
}

/* ---- IMAPISession ---- */
static HRESULT S_GetMsgStoresTable(Obj *self, ULONG flags, Obj **out) {
    Obj *t = new_table("message stores table");
    Bag *row = calloc(1, sizeof(Bag));
    bag_bin(row, PR_ENTRYID, "STORE:Mailbox - Demo");
    bag_str(row, PR_DISPLAY_NAME_W, "Mailbox - Demo");
    bag_bool(row, PR_DEFAULT_STORE, 1);
    table_add_row(t, row);
    LOG(IF(self), 4, "GetMsgStoresTable", self, "", flags, U(t));
    *out = t;
    return S_OK;
}
static HRESULT S_OpenMsgStore(Obj *self, ULONG_PTR ui, ULONG cb, const BYTE *eid, const void *iid, ULONG flags, Obj **out) {
    char text[96] = "";
    if (eid) hex(eid, cb, text, sizeof text);
    if (!eid || cb < 10 || memcmp(eid + 4, "STORE:", 6) != 0) {
        LOG(IF(self), 5, "OpenMsgStore", self, text, ui, cb, U(iid), flags, 0);
        return MAPI_E_UNKNOWN_ENTRYID;
    }
    Obj *s = new_obj(K_STORE, "Mailbox - Demo");
    bag_str(&s->props, PR_DISPLAY_NAME_W, "Mailbox - Demo");
    bag_bin(&s->props, PR_ENTRYID, "STORE:Mailbox - Demo");
    bag_bin(&s->props, PR_IPM_SUBTREE_ENTRYID, "FOLDER:Top of Information Store");
    bag_bin(&s->props, PR_IPM_OUTBOX_ENTRYID, "FOLDER:Outbox");
    bag_bin(&s->props, PR_IPM_SENTMAIL_ENTRYID, "FOLDER:Sent Items");
    bag_long(&s->props, PR_OBJECT_TYPE, 1);
    g_store = s;
    LOG(IF(self), 5, "OpenMsgStore", self, text, ui, cb, U(iid), flags, U(s));
    *out = s;
    return S_OK;
}
static HRESULT S_OpenAddressBook(Obj *self, ULONG_PTR ui, const void *iid, ULONG flags, Obj **out) {
    Obj *ab = new_obj(K_ADDRBOOK, "Address Book");
    bag_str(&ab->props, PR_DISPLAY_NAME_W, "Address Book");
    LOG(IF(self), 6, "OpenAddressBook", self, "", ui, U(iid), flags, U(ab));
    *out = ab;
    return S_OK;
}
static HRESULT S_GetStatusTable(Obj *self, ULONG flags, Obj **out) {
    Obj *t = new_table("status table");
    Bag *spl = calloc(1, sizeof(Bag));
    bag_bin(spl, PR_ENTRYID, "STATUS:Spooler");
    bag_str(spl, PR_DISPLAY_NAME_W, "MAPI Spooler");
    bag_long(spl, PR_RESOURCE_TYPE, 37);
    bag_long(spl, PR_RESOURCE_METHODS, 0x9);
    bag_long(spl, PR_STATUS_CODE, 0x1);
    Bag *xp = calloc(1, sizeof(Bag));
    bag_bin(xp, PR_ENTRYID, "STATUS:Transport");
    bag_str(xp, PR_DISPLAY_NAME_W, "Internet E-mail");
    bag_long(xp, PR_RESOURCE_TYPE, 36);
    bag_long(xp, PR_RESOURCE_METHODS, 0x1);
    bag_long(xp, PR_STATUS_CODE, 0x00100001);
    table_add_row(t, xp);
    table_add_row(t, spl);
    LOG(IF(self), 8, "GetStatusTable", self, "", flags, U(t));
    *out = t;
    return S_OK;
}
static HRESULT S_OpenEntry(Obj *self, ULONG cb, const BYTE *eid, const void *iid, ULONG flags, ULONG *type, Obj **out) {
    return open_entry(self, 9, cb, eid, iid, flags, type, out);
}
static HRESULT S_Advise(Obj *self, ULONG cb, const BYTE *eid, ULONG mask, void **sink, uint64_t *conn) {
    return do_advise(self, 11, cb, eid, mask, sink, conn);
}
static HRESULT S_Unadvise(Obj *self, uint64_t conn) { return do_unadvise(self, 12, conn); }
static HRESULT S_Logoff(Obj *self, ULONG_PTR ui, ULONG flags, ULONG reserved) {
    LOG(IF(self), 17, "Logoff", self, self->name, ui, flags, reserved);
    return S_OK;
}

/* ---- IMsgStore ---- */
static HRESULT M_Advise(Obj *self, ULONG cb, const BYTE *eid, ULONG mask, void **sink, uint64_t *conn) {
    return do_advise(self, 14, cb, eid, mask, sink, conn);
}
static HRESULT M_Unadvise(Obj *self, uint64_t conn) { return do_unadvise(self, 15, conn); }
static HRESULT M_OpenEntry(Obj *self, ULONG cb, const BYTE *eid, const void *iid, ULONG flags, ULONG *type, Obj **out) {
    return open_entry(self, 17, cb, eid, iid, flags, type, out);
}
static HRESULT M_StoreLogoff(Obj *self, ULONG *flags) {
    ULONG in = flags ? *flags : 0;
    int queued = 0;
    for (int i = 0; i < g_outbox_list.n; i++) {
        const SPropValue *f = bag_get(&g_outbox_list.m[i]->props, PR_MESSAGE_FLAGS);
        if (f && (f->Value.l & 0x4)) queued = 1;
    }
    ULONG outf = 0x10000u | (queued ? 0x80000u : 0);
    LOG(IF(self), 21, "StoreLogoff", self, self->name, in, outf);
    if (flags) *flags = outf;
    return S_OK;
}
/* imsgstore-abortsubmit.md: MAPI_E_NOT_IN_QUEUE when no longer queued, MAPI_E_UNABLE_TO_ABORT when the
 * spooler has it locked (PR_SUBMIT_FLAGS SUBMITFLAG_LOCKED); S_OK takes it out of the queue. */
static HRESULT M_AbortSubmit(Obj *self, ULONG cb, const BYTE *eid, ULONG flags) {
    char text[96] = "";
    if (eid) hex(eid, cb, text, sizeof text);
    HRESULT hr = MAPI_E_NOT_IN_QUEUE;
    if (!eid || cb == 0) hr = MAPI_E_INVALID_PARAMETER;
    for (int i = 0; eid && i < g_outbox_list.n; i++) {
        Obj *m = g_outbox_list.m[i];
        const SPropValue *id = bag_get(&m->props, PR_ENTRYID);
        if (!id || id->Value.bin.cb != cb || memcmp(id->Value.bin.lpb, eid, cb) != 0) continue;
        const SPropValue *f = bag_get(&m->props, PR_MESSAGE_FLAGS);
        const SPropValue *sf = bag_get(&m->props, PR_SUBMIT_FLAGS);
        if (!f || !(f->Value.l & MSGFLAG_SUBMIT)) break;
        if (sf && (sf->Value.l & SUBMITFLAG_LOCKED)) { hr = MAPI_E_UNABLE_TO_ABORT; break; }
        bag_long(&m->props, PR_MESSAGE_FLAGS, (LONG) (f->Value.l & ~MSGFLAG_SUBMIT));
        hr = S_OK;
        break;
    }
    LOG(IF(self), 22, "AbortSubmit", self, text, cb, flags, (uint64_t) (uint32_t) hr);
    return hr;
}

/* ---- IMAPIFolder ---- */
static HRESULT F_GetContentsTable(Obj *self, ULONG flags, Obj **out) {
    Obj *t = new_table("contents table");
    t->folder = self;
    table_refresh(t);
    LOG(IF(self), 14, "GetContentsTable", self, self->name, flags, U(t));
    *out = t;
    return S_OK;
}
static HRESULT F_CreateMessage(Obj *self, const void *iid, ULONG flags, Obj **out) {
    char id[64];
    snprintf(id, sizeof id, "MSG:%d", self->list->n + 1);
    Obj *m = new_obj(K_MESSAGE, id);
    bag_bin(&m->props, PR_ENTRYID, id);
    bag_bin(&m->props, PR_INSTANCE_KEY, id);
    bag_long(&m->props, PR_MESSAGE_FLAGS, 0x8);
    /* a PT_OBJECT value as providers report it: LONG x, no usable value (a small number, not a pointer) */
    bag_long(&m->props, PR_MESSAGE_ATTACHMENTS, 0x2A);
    if (self->list->n < MAX_ROWS) self->list->m[self->list->n++] = m;
    m->refs++; /* the folder keeps the message */
    LOG(IF(self), 19, "CreateMessage", self, self->name, U(iid), flags, U(m));
    *out = m;
    return S_OK;
}

/* ---- IMessage ---- */
static HRESULT G_ModifyRecipients(Obj *self, ULONG flags, ADRLIST *mods) {
    char text[160] = "";
    size_t o = 0;
    ULONG n = mods ? mods->cEntries : 0;
    for (ULONG i = 0; i < n; i++) {
        for (ULONG j = 0; j < mods->aEntries[i].cValues; j++) {
            SPropValue *v = &mods->aEntries[i].lpProps[j];
            if (v->ulPropTag == PR_EMAIL_ADDRESS_W && o < sizeof text) {
                char s[64];
                w2a(v->Value.lpszW, s, sizeof s);
                o += snprintf(text + o, sizeof text - o, "%s%s", o ? "," : "", s);
            }
        }
    }
    LOG(IF(self), 19, "ModifyRecipients", self, text, flags, n, U(mods));
    return mods ? S_OK : MAPI_E_INVALID_PARAMETER;
}
static HRESULT G_SubmitMessage(Obj *self, ULONG flags) {
    const SPropValue *f = bag_get(&self->props, PR_MESSAGE_FLAGS);
    bag_long(&self->props, PR_MESSAGE_FLAGS, (f ? f->Value.l : 0) | 0x4);
    LOG(IF(self), 20, "SubmitMessage", self, self->name, flags);
    return S_OK;
}

/* ---- IMAPIStatus ---- */
static HRESULT St_ValidateState(Obj *self, ULONG_PTR ui, ULONG flags) {
    LOG(IF(self), 14, "ValidateState", self, self->name, ui, flags);
    return S_OK;
}
static HRESULT St_FlushQueues(Obj *self, ULONG_PTR ui, ULONG cb, const BYTE *eid, ULONG flags) {
    LOG(IF(self), 17, "FlushQueues", self, self->name, ui, cb, U(eid), flags);
    const SPropValue *m = bag_get(&self->props, PR_RESOURCE_METHODS);
    return m && (m->Value.l & 0x8) ? S_OK : MAPI_E_NO_SUPPORT;
}

/* ---- IMAPIClientShutdown (MAPIDefS.h:2807-2825: 3 QueryFastShutdown, 4 NotifyProcessShutdown, 5 DoFastShutdown) ---- */
static HRESULT C_QueryFastShutdown(Obj *self) {
    LOG(IF(self), 3, "QueryFastShutdown", self, self->name, (uint64_t) (uint32_t) g_query_fast_shutdown);
    return g_query_fast_shutdown;
}
static HRESULT C_NotifyProcessShutdown(Obj *self) { LOG(IF(self), 4, "NotifyProcessShutdown", self, self->name); return S_OK; }
static HRESULT C_DoFastShutdown(Obj *self) { LOG(IF(self), 5, "DoFastShutdown", self, self->name); return S_OK; }

/* ---- IAddrBook ---- */
static HRESULT A_Advise(Obj *self, ULONG cb, const BYTE *eid, ULONG mask, void **sink, uint64_t *conn) {
    return do_advise(self, 16, cb, eid, mask, sink, conn);
}
static HRESULT A_Unadvise(Obj *self, uint64_t conn) { return do_unadvise(self, 17, conn); }

static void build_vtables(void) {
    for (int k = 0; k < K_COUNT; k++) {
        for (int s = 0; s < SLOTS; s++) vt[k][s] = STUBS[s];
        vt[k][0] = QueryInterface;
        vt[k][1] = AddRef;
        vt[k][2] = Release;
        if (k != K_SESSION && k != K_TABLE && k != K_SHUTDOWN) { /* IMAPIProp 3-13 */
            vt[k][4] = P_SaveChanges;
            vt[k][5] = P_GetProps;
            vt[k][8] = P_SetProps;
        }
    }
    vt[K_SESSION][4] = S_GetMsgStoresTable;
    vt[K_SESSION][5] = S_OpenMsgStore;
    vt[K_SESSION][6] = S_OpenAddressBook;
    vt[K_SESSION][8] = S_GetStatusTable;
    vt[K_SESSION][9] = S_OpenEntry;
    vt[K_SESSION][11] = S_Advise;
    vt[K_SESSION][12] = S_Unadvise;
    vt[K_SESSION][17] = S_Logoff;
    vt[K_STORE][14] = M_Advise;
    vt[K_STORE][15] = M_Unadvise;
    vt[K_STORE][17] = M_OpenEntry;
    vt[K_STORE][21] = M_StoreLogoff;
    vt[K_STORE][22] = M_AbortSubmit;
    vt[K_FOLDER][14] = F_GetContentsTable;
    vt[K_FOLDER][19] = F_CreateMessage;
    vt[K_MESSAGE][19] = G_ModifyRecipients;
    vt[K_MESSAGE][20] = G_SubmitMessage;
    vt[K_TABLE][4] = T_Advise;
    vt[K_TABLE][5] = T_Unadvise;
    vt[K_TABLE][7] = T_SetColumns;
    vt[K_TABLE][9] = T_GetRowCount;
    vt[K_TABLE][10] = T_SeekRow;
    vt[K_TABLE][14] = T_Restrict;
    vt[K_TABLE][17] = T_SortTable;
    vt[K_TABLE][15] = T_CreateBookmark;
    vt[K_TABLE][16] = T_FreeBookmark;
    vt[K_TABLE][19] = T_QueryRows;
    vt[K_STATUS][14] = St_ValidateState;
    vt[K_STATUS][17] = St_FlushQueues;
    vt[K_SHUTDOWN][3] = C_QueryFastShutdown;
    vt[K_SHUTDOWN][4] = C_NotifyProcessShutdown;
    vt[K_SHUTDOWN][5] = C_DoFastShutdown;
    vt[K_ADDRBOOK][16] = A_Advise;
    vt[K_ADDRBOOK][17] = A_Unadvise;
}
__attribute__((constructor)) static void dbl_init(void) { build_vtables(); }

/* ---- MAPI32 / ole32 exports ---- */
static int g_init, g_util, g_ole;

EXPORT HRESULT MAPIInitialize(MAPIINIT_0 *init) {
    g_init++;
    if (init) LOG("MAPI32", -1, "MAPIInitialize", NULL, "", init->ulVersion, init->ulFlags);
    else LOG("MAPI32", -1, "MAPIInitialize", NULL, "NULL");
    return S_OK;
}
EXPORT void MAPIUninitialize(void) {
    if (g_init > 0) g_init--;
    LOG("MAPI32", -1, "MAPIUninitialize", NULL, "", (uint64_t) g_init);
}
EXPORT HRESULT MAPILogonEx(ULONG_PTR ui, void *profile, void *password, ULONG flags, Obj **session) {
    char name[80] = "";
    if (profile) {
        if (flags & MAPI_UNICODE) w2a(profile, name, sizeof name);
        else snprintf(name, sizeof name, "%s", (const char *) profile);
    }
    LOG("MAPI32", -1, "MAPILogonEx", NULL, name, ui, U(profile), U(password), flags);
    if (!g_init) return MAPI_E_NOT_INITIALIZED;
    if (!session) return MAPI_E_INVALID_PARAMETER;
    if (strcmp(name, "fail") == 0) return MAPI_E_LOGON_FAILED;
    Obj *s = new_obj(K_SESSION, name[0] ? name : "(default profile)");
    *session = s;
    return S_OK;
}
/* MAPI memory may be used from any thread (the recorder's thread-safety test does) */
static pthread_mutex_t g_mem_mu = PTHREAD_MUTEX_INITIALIZER;
EXPORT HRESULT MAPIAllocateBuffer(ULONG cb, void **out) {
    if (!out) return MAPI_E_INVALID_PARAMETER;
    pthread_mutex_lock(&g_mem_mu);
    *out = alloc_root(cb);
    pthread_mutex_unlock(&g_mem_mu);
    LOG("MAPI32", -1, "MAPIAllocateBuffer", NULL, "", cb, U(*out));
    return S_OK;
}
EXPORT HRESULT MAPIAllocateMore(ULONG cb, void *parent, void **out) {
    if (!out) return MAPI_E_INVALID_PARAMETER;
    pthread_mutex_lock(&g_mem_mu);
    *out = alloc_more(cb, parent);
    pthread_mutex_unlock(&g_mem_mu);
    LOG("MAPI32", -1, "MAPIAllocateMore", NULL, "", cb, U(parent), U(*out));
    return *out ? S_OK : MAPI_E_INVALID_PARAMETER;
}
EXPORT ULONG MAPIFreeBuffer(void *p) {
    pthread_mutex_lock(&g_mem_mu);
    int known = p ? free_root(p) : 1;
    pthread_mutex_unlock(&g_mem_mu);
    LOG("MAPI32", -1, "MAPIFreeBuffer", NULL, known ? "" : "unknown buffer", U(p));
    return S_OK;
}
EXPORT HRESULT ScInitMapiUtil(ULONG flags) {
    LOG("MAPI32", -1, "ScInitMapiUtil", NULL, "", flags);
    if (flags) return MAPI_E_INVALID_PARAMETER;
    g_util++;
    return S_OK;
}
EXPORT void DeinitMapiUtil(void) {
    if (g_util > 0) g_util--;
    LOG("MAPI32", -1, "DeinitMapiUtil", NULL, "");
}
EXPORT HRESULT OleInitialize(void *reserved) {
    g_ole++;
    LOG("ole32", -1, "OleInitialize", NULL, "", U(reserved));
    return g_ole == 1 ? S_OK : S_FALSE;
}
EXPORT void OleUninitialize(void) {
    if (g_ole > 0) g_ole--;
    LOG("ole32", -1, "OleUninitialize", NULL, "");
}

/* ---- test hooks ---- */
EXPORT void dbl_reset(void) {
    pthread_mutex_lock(&g_mu);
    g_log_n = 0;
    pthread_mutex_unlock(&g_mu);
    while (g_roots) free_root(block_data(g_roots));
    /* objects are kept (never freed) so that a stray call after reset cannot crash; only forgotten */
    g_objs = NULL;
    g_nconns = 0;
    g_spooler_status = g_store = NULL;
    g_outbox_list.n = 0;
    g_init = g_util = g_ole = 0;
    g_query_fast_shutdown = S_OK;
}
EXPORT int dbl_log_count(void) { return g_log_n; }
/* tid|iface|slot|method|obj|arg,arg,...|text  (numbers in hex) */
EXPORT int dbl_log_line(int i, char *buf, int cap) {
    if (i < 0 || i >= g_log_n || !buf || cap <= 0) return -1;
    Entry *e = &g_log[i];
    int o = snprintf(buf, (size_t) cap, "%ld|%s|%d|%s|%llx|", e->tid, e->iface, e->slot, e->method,
                     (unsigned long long) e->obj);
    for (int a = 0; a < e->nargs && o < cap; a++)
        o += snprintf(buf + o, (size_t) (cap - o), "%s%llx", a ? "," : "", (unsigned long long) e->args[a]);
    if (o < cap) o += snprintf(buf + o, (size_t) (cap - o), "|%s", e->text);
    return o;
}
EXPORT int dbl_outstanding_buffers(void) { int n = 0; for (Block *b = g_roots; b; b = b->next_root) n++; return n; }
EXPORT long dbl_current_thread(void) { return tid(); }
EXPORT int dbl_init_count(void) { return g_init; }
/* what IMAPIClientShutdown::QueryFastShutdown returns (MAPI_E_NO_SUPPORT: fast shutdown disabled by policy) */
EXPORT void dbl_set_query_fast_shutdown(HRESULT hr) { g_query_fast_shutdown = hr; }
/* sets or clears SUBMITFLAG_LOCKED on the i-th Outbox message (the spooler holding it); 0 when there is none */
EXPORT int dbl_lock_outbox_message(int i, int locked) {
    if (i < 0 || i >= g_outbox_list.n) return 0;
    bag_long(&g_outbox_list.m[i]->props, PR_SUBMIT_FLAGS, locked ? (LONG) SUBMITFLAG_LOCKED : 0);
    return 1;
}

static Conn *find_conn(uint64_t conn) {
    for (int i = 0; i < g_nconns; i++) if (g_conns[i].active && g_conns[i].conn == conn) return &g_conns[i];
    return NULL;
}
static MAPIERROR g_err = {0, "Session shutdown in progress", "mapidouble", 0x1234, 7};
static BYTE g_eid_msg[] = {0, 0, 0, 0, 'M', 'S', 'G', ':', '4', '2'};
static BYTE g_eid_folder[] = {0, 0, 0, 0, 'F', 'O', 'L', 'D', 'E', 'R', ':', 'O', 'u', 't', 'b', 'o', 'x'};
static BYTE g_instance_key[] = {0xDE, 0xAD, 0xBE, 0xEF};
static WCHAR g_subject[] = {'Q', 'u', 'a', 'r', 't', 'e', 'r', 'l', 'y', ' ', 0x00FC, 'b', 'e', 'r', 's', 'i', 'c', 'h', 't', 0};

static void fill_table_row_added(NOTIFICATION *n, SPropValue *rowProps) {
    memset(n, 0, sizeof *n);
    n->ulEventType = 0x100;
    n->info.tab.ulTableEvent = 3; /* TABLE_ROW_ADDED */
    n->info.tab.hResult = S_OK;
    n->info.tab.propIndex.ulPropTag = PR_INSTANCE_KEY;
    n->info.tab.propIndex.Value.bin.cb = sizeof g_instance_key;
    n->info.tab.propIndex.Value.bin.lpb = g_instance_key;
    n->info.tab.propPrior.ulPropTag = 0x00000001; /* PR_NULL: first row */
    memset(rowProps, 0, 3 * sizeof(SPropValue));
    rowProps[0].ulPropTag = PR_ENTRYID;
    rowProps[0].Value.bin.cb = sizeof g_eid_msg;
    rowProps[0].Value.bin.lpb = g_eid_msg;
    rowProps[1].ulPropTag = PR_SUBJECT_W;
    rowProps[1].Value.lpszW = g_subject;
    rowProps[2].ulPropTag = PR_MESSAGE_FLAGS;
    rowProps[2].Value.l = 0x0C;
    n->info.tab.row.cValues = 3;
    n->info.tab.row.lpProps = rowProps;
}
static ULONG deliver(uint64_t conn, ULONG count, NOTIFICATION *n, const char *what) {
    Conn *c = find_conn(conn);
    if (!c) { LOG("IMAPIAdviseSink", 3, "OnNotify", NULL, "no such connection", conn); return 0xFFFFFFFFu; }
    ULONG r = sink_call_onnotify(c->sink, count, n);
    LOG("IMAPIAdviseSink", 3, "OnNotify", c->sink, what, conn, count, r);
    return r;
}
/* fnevCriticalError with ERROR_NOTIFICATION{scode, MAPIERROR} */
EXPORT ULONG dbl_notify_critical_error(uint64_t conn, LONG scode) {
    NOTIFICATION n;
    memset(&n, 0, sizeof n);
    n.ulEventType = 0x1;
    n.info.err.scode = scode;
    n.info.err.ulFlags = 0;
    n.info.err.lpMAPIError = &g_err;
    return deliver(conn, 1, &n, "fnevCriticalError");
}
/* fnevTableModified TABLE_ROW_ADDED with a 3-column row */
EXPORT ULONG dbl_notify_table_row_added(uint64_t conn) {
    NOTIFICATION n;
    SPropValue props[3];
    fill_table_row_added(&n, props);
    return deliver(conn, 1, &n, "fnevTableModified");
}
/* three notifications in one array (88-byte stride): new mail, object created, table row added */
EXPORT ULONG dbl_notify_batch(uint64_t conn) {
    NOTIFICATION n[3];
    SPropValue props[3];
    memset(n, 0, sizeof n);
    n[0].ulEventType = 0x2;
    n[0].info.newmail.cbEntryID = sizeof g_eid_msg;
    n[0].info.newmail.lpEntryID = g_eid_msg;
    n[0].info.newmail.cbParentID = sizeof g_eid_folder;
    n[0].info.newmail.lpParentID = g_eid_folder;
    n[0].info.newmail.ulFlags = 0;
    n[0].info.newmail.lpszMessageClass = "IPM.Note";
    n[0].info.newmail.ulMessageFlags = 0x1;
    n[1].ulEventType = 0x4;
    n[1].info.obj.cbEntryID = sizeof g_eid_msg;
    n[1].info.obj.lpEntryID = g_eid_msg;
    n[1].info.obj.ulObjType = 5;
    n[1].info.obj.cbParentID = sizeof g_eid_folder;
    n[1].info.obj.lpParentID = g_eid_folder;
    fill_table_row_added(&n[2], props);
    return deliver(conn, 3, n, "batch");
}

#ifdef _WIN32
/* ---- MAPIUtil.h functions the recorder's Wine tests call (Windows build only) ---- */
EXPORT HRESULT HrQueryAllRows(Obj *table, SPropTagArray *tags, void *restriction, void *sort, LONG max, SRowSet **rows) {
    LOG("MAPI32", -1, "HrQueryAllRows", table, "", U(tags), U(restriction), U(sort), (uint64_t) (int64_t) max);
    if (!table || !rows || table->kind != K_TABLE) return MAPI_E_INVALID_PARAMETER;
    if (restriction || sort) return MAPI_E_TOO_COMPLEX_DBL;
    if (tags) T_SetColumns(table, tags, 0);
    T_SeekRow(table, 0, 0, NULL);
    return T_QueryRows(table, max > 0 ? max : 0x7FFFFFFF, 0, rows);
}
EXPORT void FreeProws(SRowSet *rows) {
    LOG("MAPI32", -1, "FreeProws", NULL, "", U(rows));
    if (!rows) return;
    for (ULONG i = 0; i < rows->cRows; i++) free_root(rows->aRow[i].lpProps);
    free_root(rows);
}
/* HrAllocAdviseSink: a sink object that calls lpfnCallback(lpvContext, cNotif, lpNotifications) */
typedef LONG (*NotifCallback)(void *ctx, ULONG n, NOTIFICATION *notif);
typedef struct { void **lpVtbl; ULONG refs; NotifCallback fn; void *ctx; } CbSink;
static HRESULT CbSink_QueryInterface(CbSink *self, const BYTE *riid, void **ppv) {
    if (riid && memcmp(riid, IID_IUnknown, 16) == 0) { self->refs++; *ppv = self; return S_OK; }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG CbSink_AddRef(CbSink *self) { return ++self->refs; }
static ULONG CbSink_Release(CbSink *self) { if (self->refs > 0) self->refs--; return self->refs; }
static ULONG CbSink_OnNotify(CbSink *self, ULONG n, NOTIFICATION *notif) { return (ULONG) self->fn(self->ctx, n, notif); }
static void *g_cbsink_vt[4] = {CbSink_QueryInterface, CbSink_AddRef, CbSink_Release, CbSink_OnNotify};
/* IMAPIClientShutdown on the session (mapi-reference.md 1.4: 3 QueryFastShutdown, 4 NotifyProcessShutdown,
   5 DoFastShutdown): a separate object, as a tear-off interface is; fast shutdown is "disabled by an
   administrator" here, so QueryFastShutdown fails with MAPI_E_NO_SUPPORT and the client must not go on */
typedef struct { void **lpVtbl; ULONG refs; } Shutdown;
static HRESULT Sd_QueryInterface(Shutdown *self, const BYTE *riid, void **ppv) { *ppv = NULL; return E_NOINTERFACE; }
static ULONG Sd_AddRef(Shutdown *self) { return ++self->refs; }
static ULONG Sd_Release(Shutdown *self) { if (self->refs > 0) self->refs--; return self->refs; }
static HRESULT Sd_QueryFastShutdown(Shutdown *self) { LOG("IMAPIClientShutdown", 3, "QueryFastShutdown", self, ""); return MAPI_E_NO_SUPPORT; }
static HRESULT Sd_NotifyProcessShutdown(Shutdown *self) { LOG("IMAPIClientShutdown", 4, "NotifyProcessShutdown", self, ""); return S_OK; }
static HRESULT Sd_DoFastShutdown(Shutdown *self) { LOG("IMAPIClientShutdown", 5, "DoFastShutdown", self, ""); return S_OK; }
static void *g_shutdown_vt[6] = {Sd_QueryInterface, Sd_AddRef, Sd_Release, Sd_QueryFastShutdown, Sd_NotifyProcessShutdown,
                                 Sd_DoFastShutdown};
static Shutdown g_shutdown = {g_shutdown_vt, 0};
/* IID_IMAPIClientShutdown is defined once, above QueryInterface */
static int win_query_interface(Obj *self, const BYTE *riid, void **ppv) {
    if (self->kind != K_SESSION || memcmp(riid, IID_IMAPIClientShutdown, 16) != 0) return 0;
    g_shutdown.refs++;
    *ppv = &g_shutdown;
    return 1;
}
/* HrGetOneProp: one property through the object's own GetProps (slot 5), in one MAPI buffer */
EXPORT HRESULT HrGetOneProp(Obj *obj, ULONG tag, SPropValue **out) {
    LOG("MAPI32", -1, "HrGetOneProp", obj, "", tag);
    if (!obj || !out) return MAPI_E_INVALID_PARAMETER;
    SPropTagArray tags = {1, {tag}};
    ULONG n = 0;
    SPropValue *vals = NULL;
    HRESULT hr = ((HRESULT (*)(Obj *, SPropTagArray *, ULONG, ULONG *, SPropValue **)) obj->lpVtbl[5])(obj, &tags, 0, &n, &vals);
    if (hr == MAPI_W_ERRORS_RETURNED) { free_root(vals); return MAPI_E_NOT_FOUND; }
    if (hr != S_OK) return hr;
    *out = vals;
    return S_OK;
}
/* PpropFindProp: reached by the recorder's untraced forwarding stubs (forward-client.c) */
EXPORT SPropValue *PpropFindProp(SPropValue *props, ULONG count, ULONG tag) {
    LOG("MAPI32", -1, "PpropFindProp", NULL, "", U(props), count, tag);
    for (ULONG i = 0; props && i < count; i++) {
        if (props[i].ulPropTag == tag || (PROP_TYPE(tag) == 0 && (props[i].ulPropTag >> 16) == (tag >> 16))) return &props[i];
    }
    return NULL;
}
EXPORT HRESULT HrAllocAdviseSink(NotifCallback fn, void *ctx, void **out) {
    LOG("MAPI32", -1, "HrAllocAdviseSink", NULL, "", U(fn), U(ctx));
    if (!fn || !out) return MAPI_E_INVALID_PARAMETER;
    CbSink *s = calloc(1, sizeof *s);
    s->lpVtbl = g_cbsink_vt;
    s->refs = 1;
    s->fn = fn;
    s->ctx = ctx;
    *out = s;
    return S_OK;
}
#endif
