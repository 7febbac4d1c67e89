/*
 * A minimal Extended MAPI client header for the recorder's Wine test clients: the MAPI32 imports
 * (linked against the recorder's MAPI32.DLL by name, like a real client) and vtable calls by slot
 * number (mapi-reference.md section 3; Advise/Unadvise with ULONG_PTR connections as in Microsoft's
 * headers). Constants from mapi-reference.md section 2.
 */
#ifndef MAPICLIENT_H
#define MAPICLIENT_H
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef LONG SCODE;
typedef struct { ULONG cb; BYTE *lpb; } SBinary;
typedef struct { ULONG ulPropTag; ULONG dwAlignPad; union { LONG l; ULONG ul; SBinary bin; void *lpv; LONG err; } Value; } SPropValue;
typedef struct { ULONG pad; ULONG cValues; SPropValue *lpProps; } SRow;
typedef struct { ULONG cRows; SRow aRow[1]; } SRowSet;
typedef struct { ULONG cValues; ULONG aulPropTag[4]; } SPropTagArray4;
typedef struct { ULONG ulVersion; ULONG ulFlags; } MAPIINIT_0;

__declspec(dllimport) HRESULT WINAPI MAPIInitialize(void *init);
__declspec(dllimport) void WINAPI MAPIUninitialize(void);
__declspec(dllimport) HRESULT WINAPI MAPILogonEx(ULONG_PTR ui, char *profile, char *password, ULONG flags, void **session);
__declspec(dllimport) SCODE WINAPI MAPIAllocateBuffer(ULONG cb, void **out);
__declspec(dllimport) SCODE WINAPI MAPIAllocateMore(ULONG cb, void *parent, void **out);
__declspec(dllimport) ULONG WINAPI MAPIFreeBuffer(void *p);
__declspec(dllimport) SCODE WINAPI ScInitMapiUtil(ULONG flags);
__declspec(dllimport) void WINAPI DeinitMapiUtil(void);
__declspec(dllimport) HRESULT WINAPI HrQueryAllRows(void *table, void *tags, void *res, void *sort, LONG max, SRowSet **rows);
__declspec(dllimport) void WINAPI FreeProws(SRowSet *rows);
__declspec(dllimport) HRESULT WINAPI HrAllocAdviseSink(void *fn, void *ctx, void **sink);
__declspec(dllimport) HRESULT WINAPI HrGetOneProp(void *obj, ULONG tag, SPropValue **prop);

#define SLOT(obj, n) ((*(void ***) (obj))[n])
#define CALL(obj, n, ret, types, ...) (((ret(WINAPI *) types) SLOT(obj, n))(obj, __VA_ARGS__))
#define CALL0(obj, n, ret) (((ret(WINAPI *)(void *)) SLOT(obj, n))(obj))
#define RELEASE(obj) CALL0(obj, 2, ULONG)

/* IMAPISession */
#define Session_GetMsgStoresTable(s, f, t) CALL(s, 4, HRESULT, (void *, ULONG, void **), f, t)
#define Session_OpenMsgStore(s, ui, cb, eid, iid, f, out) \
    CALL(s, 5, HRESULT, (void *, ULONG_PTR, ULONG, void *, const GUID *, ULONG, void **), ui, cb, eid, iid, f, out)
#define Session_OpenAddressBook(s, ui, iid, f, out) CALL(s, 6, HRESULT, (void *, ULONG_PTR, const GUID *, ULONG, void **), ui, iid, f, out)
#define Session_GetStatusTable(s, f, t) CALL(s, 8, HRESULT, (void *, ULONG, void **), f, t)
#define Session_OpenEntry(s, cb, eid, iid, f, type, out) \
    CALL(s, 9, HRESULT, (void *, ULONG, void *, const GUID *, ULONG, ULONG *, void **), cb, eid, iid, f, type, out)
#define Session_Advise(s, cb, eid, mask, sink, conn) \
    CALL(s, 11, HRESULT, (void *, ULONG, void *, ULONG, void *, ULONG_PTR *), cb, eid, mask, sink, conn)
#define Session_Unadvise(s, conn) CALL(s, 12, HRESULT, (void *, ULONG_PTR), conn)
#define Session_Logoff(s, ui, f, r) CALL(s, 17, HRESULT, (void *, ULONG_PTR, ULONG, ULONG), ui, f, r)
#define QueryInterface(o, iid, out) CALL(o, 0, HRESULT, (void *, const GUID *, void **), iid, out)
/* IMAPIProp */
#define Prop_GetProps(o, tags, f, n, out) CALL(o, 5, HRESULT, (void *, void *, ULONG, ULONG *, SPropValue **), tags, f, n, out)
/* IMsgStore */
#define Store_Advise(s, cb, eid, mask, sink, conn) \
    CALL(s, 14, HRESULT, (void *, ULONG, void *, ULONG, void *, ULONG_PTR *), cb, eid, mask, sink, conn)
#define Store_Unadvise(s, conn) CALL(s, 15, HRESULT, (void *, ULONG_PTR), conn)
#define Store_OpenEntry(s, cb, eid, iid, f, type, out) \
    CALL(s, 17, HRESULT, (void *, ULONG, void *, const GUID *, ULONG, ULONG *, void **), cb, eid, iid, f, type, out)
#define Store_StoreLogoff(s, flags) CALL(s, 21, HRESULT, (void *, ULONG *), flags)
/* IMAPITable */
#define Table_SetColumns(t, tags, f) CALL(t, 7, HRESULT, (void *, void *, ULONG), tags, f)
#define Table_GetRowCount(t, f, n) CALL(t, 9, HRESULT, (void *, ULONG, ULONG *), f, n)
#define Table_QueryRows(t, n, f, rows) CALL(t, 19, HRESULT, (void *, LONG, ULONG, SRowSet **), n, f, rows)
/* IMAPIClientShutdown */
#define Shutdown_QueryFastShutdown(s) CALL0(s, 3, HRESULT)
/* IMAPIStatus */
#define Status_FlushQueues(st, ui, cb, eid, f) CALL(st, 17, HRESULT, (void *, ULONG_PTR, ULONG, void *, ULONG), ui, cb, eid, f)

#define PR_ENTRYID 0x0FFF0102u
#define PR_RESOURCE_TYPE 0x3E030003u
#define PR_IPM_SUBTREE_ENTRYID 0x35E00102u
#define PR_IPM_OUTBOX_ENTRYID 0x35E20102u
#define MAPI_SPOOLER 37
#define MAPI_EXTENDED 0x20u
#define MAPI_NEW_SESSION 0x2u
#define MAPI_USE_DEFAULT 0x40u
#define MAPI_BEST_ACCESS 0x10u
#define MDB_NO_DIALOG 0x1u
#define MAPI_MULTITHREAD_NOTIFICATIONS 0x1u
#define fnevCriticalError 0x1u
#define fnevNewMail 0x2u
#define fnevObjectCreated 0x4u
#define FLUSH_UPLOAD 0x2u
#define FLUSH_NO_UI 0x10u
#define LOGOFF_NO_WAIT 0x1u

static const GUID IID_IUnknown_ = {0x00000000, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
static const GUID IID_IMAPIClientShutdown_ = {0x00020397, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};

#define CHECK(what, hr)                                                                     \
    do {                                                                                    \
        HRESULT hr_ = (hr);                                                                 \
        if (FAILED(hr_)) { printf("FAILED %s: 0x%08lX\n", what, (unsigned long) hr_); exit(3); } \
    } while (0)

/* the value of `tag` in a row, or NULL */
static inline SPropValue *row_prop(SRow *row, ULONG tag) {
    for (ULONG i = 0; i < row->cValues; i++) if (row->lpProps[i].ulPropTag == tag) return &row->lpProps[i];
    return NULL;
}

/* the default store, opened the documented way: message stores table, its first row's PR_ENTRYID */
static inline void *open_default_store(void *session) {
    void *table = NULL, *store = NULL;
    SRowSet *rows = NULL;
    CHECK("GetMsgStoresTable", Session_GetMsgStoresTable(session, 0, &table));
    CHECK("HrQueryAllRows", HrQueryAllRows(table, NULL, NULL, NULL, 0, &rows));
    SPropValue *eid = rows->cRows ? row_prop(&rows->aRow[0], PR_ENTRYID) : NULL;
    if (!eid) { printf("no store row\n"); exit(3); }
    CHECK("OpenMsgStore", Session_OpenMsgStore(session, 0, eid->Value.bin.cb, eid->Value.bin.lpb, NULL,
                                               MAPI_BEST_ACCESS | MDB_NO_DIALOG, &store));
    FreeProws(rows);
    RELEASE(table);
    return store;
}
#endif
