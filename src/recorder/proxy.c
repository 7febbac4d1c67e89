/*
 * Object proxies: every interface pointer the real MAPI hands back is replaced by a Proxy with the
 * recorder's own vtable. Slots the recorder knows (interfaces.inc, generated from the MAPI headers)
 * record the call and forward it; every other slot is a thunk that swaps `this` for the real object
 * and jumps to the same slot of the real vtable (nothing recorded, nothing changed).
 *
 * One proxy per real pointer, so COM identity holds (the same real object always reaches the
 * client as the same pointer); a proxy is never freed (a Release that returned 0 only marks it, and
 * the pointer seen again later is a new obj:<n>), so a client that misuses a released object meets
 * the same behaviour it would without the recorder.
 */
#include "recorder.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Proxy {
    void **lpVtbl;
    void *inner; /* at offset sizeof(void*): the thunks read it there */
    int id;
    int kind;
    int dead;
    struct Proxy *next;
} Proxy;

/* ---- kinds ---- */
static const struct { const char *name; int parent; ULONG iid; } KINDS[K_COUNT] = {
    [K_IUnknown] = {"IUnknown", -1, 0x00000000},
    [K_IMAPIProp] = {"IMAPIProp", K_IUnknown, 0x00020303},
    [K_IMAPIContainer] = {"IMAPIContainer", K_IMAPIProp, 0x0002030B},
    [K_IMAPIFolder] = {"IMAPIFolder", K_IMAPIContainer, 0x0002030C},
    [K_IABContainer] = {"IABContainer", K_IMAPIContainer, 0x0002030D},
    [K_IDistList] = {"IDistList", K_IABContainer, 0x0002030E},
    [K_IMsgStore] = {"IMsgStore", K_IMAPIProp, 0x00020306},
    [K_IMessage] = {"IMessage", K_IMAPIProp, 0x00020307},
    [K_IAttach] = {"IAttach", K_IMAPIProp, 0x00020308},
    [K_IMailUser] = {"IMailUser", K_IMAPIProp, 0x0002030A},
    [K_IProfSect] = {"IProfSect", K_IMAPIProp, 0x00020304},
    [K_IMAPIStatus] = {"IMAPIStatus", K_IMAPIProp, 0x00020305},
    [K_IAddrBook] = {"IAddrBook", K_IMAPIProp, 0x00020309},
    [K_IMAPITable] = {"IMAPITable", K_IUnknown, 0x00020301},
    [K_IMAPISession] = {"IMAPISession", K_IUnknown, 0x00020300},
    [K_IMAPIAdviseSink] = {"IMAPIAdviseSink", K_IUnknown, 0x00020302},
    [K_IProfAdmin] = {"IProfAdmin", K_IUnknown, 0x0002031C},
    [K_IMsgServiceAdmin] = {"IMsgServiceAdmin", K_IUnknown, 0x0002031D},
    [K_IProviderAdmin] = {"IProviderAdmin", K_IUnknown, 0x00020325},
    [K_IMAPIClientShutdown] = {"IMAPIClientShutdown", K_IUnknown, 0x00020397},
};

/* {l-0000-0000-C000-000000000046} (DEFINE_OLEGUID) -> kind, or -1 */
static int kind_of_iid(const GUID *g) {
    static const BYTE tail[8] = {0xC0, 0, 0, 0, 0, 0, 0, 0x46};
    if (!g || g->Data2 || g->Data3 || memcmp(g->Data4, tail, 8) != 0) return -1;
    for (int k = 0; k < K_COUNT; k++) if (KINDS[k].iid == g->Data1) return k;
    return -1;
}
static void jb_iid(JBuf *j, const char *key, const GUID *g) {
    if (!g) { jb_null(j, key); return; }
    int k = kind_of_iid(g);
    if (k >= 0) {
        char name[48];
        snprintf(name, sizeof name, "IID_%s", KINDS[k].name);
        jb_str(j, key, name);
    } else {
        jb_guid(j, key, g);
    }
}
int kind_of_objtype(ULONG t) {
    switch (t) { /* MAPIDefS.h:240-250, mapi-reference.md 2.7 */
        case 1: return K_IMsgStore;
        case 2: return K_IAddrBook;
        case 3: return K_IMAPIFolder;
        case 4: return K_IABContainer;
        case 5: return K_IMessage;
        case 6: return K_IMailUser;
        case 7: return K_IAttach;
        case 8: return K_IDistList;
        case 9: return K_IProfSect;
        case 10: return K_IMAPIStatus;
        case 11: return K_IMAPISession;
        default: return K_IUnknown;
    }
}
static int derives(int k, int ancestor) {
    for (; k >= 0; k = KINDS[k].parent) if (k == ancestor) return 1;
    return 0;
}

/* ---- vtables and thunks ---- */
#define VT_SLOTS 64
static void *g_vt[K_COUNT][VT_SLOTS];

/* thunk i: this = ((Proxy *) this)->inner; jump to this->lpVtbl[i] (arguments untouched) */
#ifdef _WIN64
__asm__(".text\n.p2align 4\n.globl rec_thunks\nrec_thunks:\n"
        ".set rec_i, 0\n.rept 64\n.p2align 4\n"
        "movq 8(%rcx), %rcx\nmovq (%rcx), %rax\njmpq *(8*rec_i)(%rax)\n"
        ".set rec_i, rec_i + 1\n.endr\n");
#define THUNK_STRIDE 16
#else
__asm__(".text\n.p2align 5\n.globl _rec_thunks\n_rec_thunks:\n"
        ".set rec_i, 0\n.rept 64\n.p2align 5\n"
        "movl 4(%esp), %eax\nmovl 4(%eax), %eax\nmovl %eax, 4(%esp)\nmovl (%eax), %ecx\njmp *(4*rec_i)(%ecx)\n"
        ".set rec_i, rec_i + 1\n.endr\n");
#define THUNK_STRIDE 32
#endif
extern char rec_thunks[];

static int is_proxy(void *p) {
    if (!p) return 0;
    void *vt = *(void **) p;
    return (char *) vt >= (char *) g_vt && (char *) vt < (char *) g_vt + sizeof g_vt;
}

/* ---- the object table: real pointer -> proxy ---- */
#define OBJ_BUCKETS 4096
static Proxy *g_objs[OBJ_BUCKETS];
static int g_obj_seq;
static unsigned obucket(void *p) { uintptr_t x = (uintptr_t) p; return (unsigned) ((x >> 4) ^ (x >> 16)) % OBJ_BUCKETS; }

void *proxy_wrap(void *inner, int kind, int *id) {
    *id = 0;
    if (!inner) return NULL;
    if (is_proxy(inner)) { *id = ((Proxy *) inner)->id; return inner; }
    rec_lock();
    Proxy *p = g_objs[obucket(inner)];
    while (p && p->inner != inner) p = p->next;
    if (p && !p->dead && (derives(kind, p->kind) || derives(p->kind, kind))) {
        if (kind != p->kind && derives(kind, p->kind)) { /* seen again as a more derived interface */
            p->kind = kind;
            p->lpVtbl = g_vt[kind];
        }
    } else if (p && p->dead) { /* released to 0 earlier: the pointer now names a new object */
        p->id = ++g_obj_seq;
        p->kind = kind;
        p->dead = 0;
        p->lpVtbl = g_vt[kind];
    } else {
        Proxy *n = calloc(1, sizeof *n);
        if (!n) { rec_unlock(); return inner; } /* out of memory: the client gets the real object */
        n->inner = inner;
        n->id = ++g_obj_seq;
        n->kind = kind;
        n->lpVtbl = g_vt[kind];
        n->next = g_objs[obucket(inner)]; /* in front, so it is found before an older incompatible one */
        g_objs[obucket(inner)] = n;
        p = n;
    }
    *id = p->id;
    rec_unlock();
    return p;
}

void *proxy_unwrap(void *p, int *id) {
    *id = 0;
    if (is_proxy(p)) { *id = ((Proxy *) p)->id; return ((Proxy *) p)->inner; }
    return p;
}

static char *api_name(char *buf, size_t cap, const Proxy *p, const char *method) {
    snprintf(buf, cap, "%s::%s", KINDS[p->kind].name, method);
    return buf;
}

/* ---- IUnknown (slots 0-2), shared by every proxy ---- */
typedef HRESULT(WINAPI *QIFn)(void *, const GUID *, void **);
typedef ULONG(WINAPI *RefFn)(void *);
#define INNER_VT(p) (*(void ***) (p)->inner)

static HRESULT WINAPI w_QueryInterface(Proxy *p, const GUID *riid, void **ppv) {
    HRESULT hr = ((QIFn) INNER_VT(p)[0])(p->inner, riid, ppv);
    JBuf a = {{0}, 0}, o = {{0}, 0};
    char api[64];
    jb_iid(&a, "riid", riid);
    if (SUCCEEDED(hr) && ppv && *ppv) {
        int k = kind_of_iid(riid), id;
        *ppv = proxy_wrap(*ppv, k < 0 ? K_IUnknown : k, &id);
        jb_ref(&o, "ppvObject", "obj", id);
    }
    trace_call(api_name(api, sizeof api, p, "QueryInterface"), p->id, &a, &o, 1, hr, 0, 0);
    return hr;
}
static ULONG WINAPI w_AddRef(Proxy *p) {
    ULONG r = ((RefFn) INNER_VT(p)[1])(p->inner);
    char api[64];
    trace_call(api_name(api, sizeof api, p, "AddRef"), p->id, NULL, NULL, 0, 0, 1, r);
    return r;
}
static ULONG WINAPI w_Release(Proxy *p) {
    int id = p->id;
    char api[64];
    api_name(api, sizeof api, p, "Release");
    ULONG r = ((RefFn) INNER_VT(p)[2])(p->inner);
    if (r == 0) {
        rec_lock();
        p->dead = 1;
        rec_unlock();
    }
    trace_call(api, id, NULL, NULL, 0, 0, 1, r);
    return r;
}

/* ---- the generic recorded method ---- */
typedef struct { const char *name; int slot; int nargs; const char *spec; } MethodDesc;
#define MAXA 12
typedef struct { char name[40]; char code[24]; } ArgSpec;

static int parse_spec(const char *s, ArgSpec *out) {
    int n = 0;
    while (*s && n < MAXA) {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t) (end - s) : strlen(s);
        const char *colon = memchr(s, ':', len);
        memset(&out[n], 0, sizeof out[n]);
        if (colon) {
            snprintf(out[n].name, sizeof out[n].name, "%.*s", (int) (colon - s), s);
            snprintf(out[n].code, sizeof out[n].code, "%.*s", (int) (len - (size_t) (colon - s) - 1), colon + 1);
        } else {
            out[n].code[0] = '-';
        }
        n++;
        s += len;
        if (*s == ',') s++;
    }
    return n;
}
static int kind_by_name(const char *name) {
    for (int k = 0; k < K_COUNT; k++) if (strcmp(KINDS[k].name, name) == 0) return k;
    return -1;
}

typedef ULONG_PTR A;
static ULONG call_inner(void *fn, void *self, const A *a, int n) {
    switch (n) {
        case 0: return ((ULONG(WINAPI *)(void *)) fn)(self);
        case 1: return ((ULONG(WINAPI *)(void *, A)) fn)(self, a[0]);
        case 2: return ((ULONG(WINAPI *)(void *, A, A)) fn)(self, a[0], a[1]);
        case 3: return ((ULONG(WINAPI *)(void *, A, A, A)) fn)(self, a[0], a[1], a[2]);
        case 4: return ((ULONG(WINAPI *)(void *, A, A, A, A)) fn)(self, a[0], a[1], a[2], a[3]);
        case 5: return ((ULONG(WINAPI *)(void *, A, A, A, A, A)) fn)(self, a[0], a[1], a[2], a[3], a[4]);
        case 6: return ((ULONG(WINAPI *)(void *, A, A, A, A, A, A)) fn)(self, a[0], a[1], a[2], a[3], a[4], a[5]);
        case 7: return ((ULONG(WINAPI *)(void *, A, A, A, A, A, A, A)) fn)(self, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
        case 8:
            return ((ULONG(WINAPI *)(void *, A, A, A, A, A, A, A, A)) fn)(self, a[0], a[1], a[2], a[3], a[4], a[5], a[6],
                                                                         a[7]);
        case 9:
            return ((ULONG(WINAPI *)(void *, A, A, A, A, A, A, A, A, A)) fn)(self, a[0], a[1], a[2], a[3], a[4], a[5],
                                                                            a[6], a[7], a[8]);
        case 10:
            return ((ULONG(WINAPI *)(void *, A, A, A, A, A, A, A, A, A, A)) fn)(self, a[0], a[1], a[2], a[3], a[4],
                                                                               a[5], a[6], a[7], a[8], a[9]);
        default:
            return ((ULONG(WINAPI *)(void *, A, A, A, A, A, A, A, A, A, A, A)) fn)(self, a[0], a[1], a[2], a[3], a[4],
                                                                                  a[5], a[6], a[7], a[8], a[9], a[10]);
    }
}

/*
 * Argument codes (gen-interfaces.py): n ULONG, N ULONG_PTR, l LONG, hr HRESULT, iid LPCIID (names the
 * interface of an object handed back), i an object going in (unwrapped), s an advise sink going in,
 * C a connection number going in, c ULONG_PTR* connection out, ot ULONG* object type out, pn ULONG*
 * out, pf ULONG* flags in and out, b a MAPI buffer out (tracked for MAPIFreeBuffer), o=<Kind> an
 * interface out (wrapped; o=? takes the kind from the iid argument or the object type), - unrecorded.
 */
static ULONG dispatch(Proxy *p, const MethodDesc *m, A *a) {
    ArgSpec s[MAXA];
    int ns = parse_spec(m->spec, s);
    JBuf args = {{0}, 0}, out = {{0}, 0};
    const GUID *iid = NULL;
    for (int i = 0; i < ns && i < m->nargs; i++) {
        const char *c = s[i].code;
        int id;
        if (!strcmp(c, "n")) jb_num(&args, s[i].name, (ULONG) a[i]);
        else if (!strcmp(c, "N") || !strcmp(c, "C")) jb_num(&args, s[i].name, (unsigned long long) a[i]);
        else if (!strcmp(c, "l")) jb_snum(&args, s[i].name, (LONG) a[i]);
        else if (!strcmp(c, "hr")) jb_hr(&args, s[i].name, (HRESULT) a[i]);
        else if (!strcmp(c, "iid")) { iid = (const GUID *) a[i]; jb_iid(&args, s[i].name, iid); }
        else if (!strcmp(c, "pf")) { if (a[i]) jb_num(&args, s[i].name, *(ULONG *) a[i]); }
        else if (!strcmp(c, "i")) {
            a[i] = (A) proxy_unwrap((void *) a[i], &id);
            if (id) jb_ref(&args, s[i].name, "obj", id);
            else if (!a[i]) jb_null(&args, s[i].name);
        } else if (!strcmp(c, "s")) {
            a[i] = (A) proxy_sink_in((void *) a[i], &id);
            if (id) jb_ref(&args, s[i].name, "obj", id);
            else jb_null(&args, s[i].name);
        }
    }
    char api[80];
    api_name(api, sizeof api, p, m->name);
    void *fn = INNER_VT(p)[m->slot];
    HRESULT hr = (HRESULT) call_inner(fn, p->inner, a, m->nargs);
    if (SUCCEEDED(hr)) {
        ULONG objType = 0;
        for (int i = 0; i < ns && i < m->nargs; i++) {
            if (!strcmp(s[i].code, "ot") && a[i]) {
                objType = *(ULONG *) a[i];
                jb_num(&out, s[i].name, objType);
            }
        }
        for (int i = 0; i < ns && i < m->nargs; i++) {
            const char *c = s[i].code;
            if (!a[i]) continue;
            if (!strncmp(c, "o=", 2)) {
                void **pp = (void **) a[i];
                if (!*pp) continue;
                int k = kind_of_iid(iid);
                if (k < 0 || k == K_IUnknown) k = c[2] == '?' ? (objType ? kind_of_objtype(objType) : K_IUnknown)
                                                         : kind_by_name(c + 2);
                if (iid && kind_of_iid(iid) < 0) k = K_IUnknown; /* an interface the recorder does not know */
                int id;
                *pp = proxy_wrap(*pp, k < 0 ? K_IUnknown : k, &id);
                jb_ref(&out, s[i].name, "obj", id);
            } else if (!strcmp(c, "b")) {
                void *buf = *(void **) a[i];
                if (buf) jb_ref(&out, s[i].name, "buf", buf_track(buf));
            } else if (!strcmp(c, "c")) {
                jb_num(&out, s[i].name, (unsigned long long) *(ULONG_PTR *) a[i]);
            } else if (!strcmp(c, "pn") || !strcmp(c, "pf")) {
                jb_num(&out, s[i].name, *(ULONG *) a[i]);
            }
        }
    }
    trace_call(api, p->id, &args, &out, 1, hr, 0, 0);
    return (ULONG) hr;
}

/* ---- the generated wrappers: one per method of each interface ---- */
#define PARAMS0
#define PARAMS1 , A a1
#define PARAMS2 PARAMS1, A a2
#define PARAMS3 PARAMS2, A a3
#define PARAMS4 PARAMS3, A a4
#define PARAMS5 PARAMS4, A a5
#define PARAMS6 PARAMS5, A a6
#define PARAMS7 PARAMS6, A a7
#define PARAMS8 PARAMS7, A a8
#define PARAMS9 PARAMS8, A a9
#define PARAMS10 PARAMS9, A a10
#define PARAMS11 PARAMS10, A a11
#define VALUES0 0
#define VALUES1 a1
#define VALUES2 VALUES1, a2
#define VALUES3 VALUES2, a3
#define VALUES4 VALUES3, a4
#define VALUES5 VALUES4, a5
#define VALUES6 VALUES5, a6
#define VALUES7 VALUES6, a7
#define VALUES8 VALUES7, a8
#define VALUES9 VALUES8, a9
#define VALUES10 VALUES9, a10
#define VALUES11 VALUES10, a11

#define IFACE(name, base)
#define M(iface, slot, name, n, spec)                                                     \
    static const MethodDesc md_##iface##_##name = {#name, slot, n, spec};                 \
    static ULONG WINAPI w_##iface##_##name(Proxy *p PARAMS##n) {                          \
        A a[MAXA] = {VALUES##n};                                                          \
        return dispatch(p, &md_##iface##_##name, a);                                      \
    }
#include "interfaces.inc"
#undef M
#undef IFACE

typedef struct { int kind; int slot; void *fn; } SlotFill;
#define IFACE(name, base)
#define M(iface, slot, name, n, spec) {K_##iface, slot, (void *) w_##iface##_##name},
static const SlotFill FILLS[] = {
#include "interfaces.inc"
};
#undef M
#undef IFACE

/* ---- advise sinks from the client: wrapped so that MAPI's OnNotify calls are seen ---- */
typedef struct ClientSink {
    void **lpVtbl;
    void *client;
    int id;
    struct ClientSink *next;
} ClientSink;
static ClientSink *g_sinks;
#define CS_VT(cs) (*(void ***) (cs)->client)

static HRESULT WINAPI cs_QueryInterface(ClientSink *cs, const GUID *riid, void **ppv) {
    HRESULT hr = ((QIFn) CS_VT(cs)[0])(cs->client, riid, ppv);
    if (SUCCEEDED(hr) && ppv && *ppv == cs->client) *ppv = cs; /* keep MAPI on the wrapper */
    return hr;
}
static ULONG WINAPI cs_AddRef(ClientSink *cs) { return ((RefFn) CS_VT(cs)[1])(cs->client); }
static ULONG WINAPI cs_Release(ClientSink *cs) { return ((RefFn) CS_VT(cs)[2])(cs->client); }
static ULONG WINAPI cs_OnNotify(ClientSink *cs, ULONG count, void *notifications) {
    ULONG r = ((ULONG(WINAPI *)(void *, ULONG, void *)) CS_VT(cs)[3])(cs->client, count, notifications);
    char text[160];
    ULONG ev = count && notifications ? *(ULONG *) notifications : 0; /* NOTIFICATION.ulEventType @0 */
    snprintf(text, sizeof text,
             "recorder: MAPI called IMAPIAdviseSink::OnNotify on obj:%d (cNotif %lu, first ulEventType 0x%lX) on thread id %lu",
             cs->id, (unsigned long) count, (unsigned long) ev, (unsigned long) GetCurrentThreadId());
    trace_comment(text);
    return r;
}
static void *g_cs_vt[4] = {(void *) cs_QueryInterface, (void *) cs_AddRef, (void *) cs_Release, (void *) cs_OnNotify};

void *proxy_sink_in(void *sink, int *id) {
    *id = 0;
    if (!sink) return NULL;
    if (is_proxy(sink)) return proxy_unwrap(sink, id); /* a sink MAPI made (HrAllocAdviseSink) */
    rec_lock();
    ClientSink *cs = g_sinks;
    while (cs && cs->client != sink) cs = cs->next;
    if (!cs) {
        cs = calloc(1, sizeof *cs);
        if (!cs) { rec_unlock(); return sink; }
        cs->lpVtbl = g_cs_vt;
        cs->client = sink;
        cs->id = ++g_obj_seq;
        cs->next = g_sinks;
        g_sinks = cs;
    }
    *id = cs->id;
    rec_unlock();
    return cs;
}

void proxy_init(void) {
    for (int k = 0; k < K_COUNT; k++) {
        for (int s = 3; s < VT_SLOTS; s++) g_vt[k][s] = rec_thunks + THUNK_STRIDE * s;
        g_vt[k][0] = (void *) w_QueryInterface;
        g_vt[k][1] = (void *) w_AddRef;
        g_vt[k][2] = (void *) w_Release;
        /* the methods of k and of every interface it derives from */
        for (size_t f = 0; f < sizeof FILLS / sizeof FILLS[0]; f++) {
            if (derives(k, FILLS[f].kind)) g_vt[k][FILLS[f].slot] = FILLS[f].fn;
        }
    }
}
