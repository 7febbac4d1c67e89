/*
 * A correct Extended MAPI client for the recorder's Wine test (RecorderWineTest): logs on, opens the
 * default store, its Outbox, the status table and the spooler (FlushQueues), the address book,
 * advises on the store (a sink from HrAllocAdviseSink) and on the session (its own sink object),
 * reads one property with HrGetOneProp, asks for fast shutdown (IMAPIClientShutdown::QueryFastShutdown
 * declines), then ends the session with the documented 8 steps
 * (mapi-reference.md section 1.1): Unadvise, Release, MAPIFreeBuffer, Logoff, session Release,
 * (no OleUninitialize: it never called OleInitialize), MAPIUninitialize, DeinitMapiUtil.
 * One more thread initialises MAPI, counts the status table's rows and uninitialises.
 * Prints "OK" and exits 0 when every call succeeded.
 */
#include "mapiclient.h"

static LONG WINAPI on_store_notify(void *ctx, ULONG n, void *notifications) { (void) ctx; (void) n; (void) notifications; return 0; }

/* the client's own advise sink: a COM object with the IMAPIAdviseSink vtable */
typedef struct { void **lpVtbl; LONG refs; LONG notified; } MySink;
static HRESULT WINAPI sink_qi(MySink *s, const GUID *iid, void **out) { (void) iid; *out = s; InterlockedIncrement(&s->refs); return S_OK; }
static ULONG WINAPI sink_addref(MySink *s) { return (ULONG) InterlockedIncrement(&s->refs); }
static ULONG WINAPI sink_release(MySink *s) { return (ULONG) InterlockedDecrement(&s->refs); }
static ULONG WINAPI sink_onnotify(MySink *s, ULONG n, void *notifications) { (void) notifications; s->notified += (LONG) n; return 0; }
static void *g_sink_vt[4] = {(void *) sink_qi, (void *) sink_addref, (void *) sink_release, (void *) sink_onnotify};

static void *g_status_table;
static DWORD WINAPI worker(void *arg) {
    (void) arg;
    ULONG count = 0;
    CHECK("MAPIInitialize (worker)", MAPIInitialize(NULL));
    CHECK("GetRowCount (worker)", Table_GetRowCount(g_status_table, 0, &count));
    MAPIUninitialize();
    return count == 2 ? 0 : 1;
}

int main(void) {
    MAPIINIT_0 init = {0, MAPI_MULTITHREAD_NOTIFICATIONS};
    void *session = NULL, *store = NULL, *outbox = NULL, *status = NULL, *ab = NULL, *storeSink = NULL, *unk = NULL;
    void *shutdown = NULL;
    ULONG_PTR storeConn = 0, sessionConn = 0;
    SPropValue *cached = NULL;
    ULONG n = 0, type = 0;
    MySink mine = {g_sink_vt, 1, 0};

    CHECK("MAPIInitialize", MAPIInitialize(&init));
    CHECK("ScInitMapiUtil", ScInitMapiUtil(0));
    CHECK("MAPILogonEx", MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_USE_DEFAULT, &session));
    CHECK("QueryInterface(IUnknown)", QueryInterface(session, &IID_IUnknown_, &unk));
    if (unk != session) { printf("COM identity broken: %p != %p\n", unk, session); return 4; }
    RELEASE(unk);

    store = open_default_store(session);
    SPropTagArray4 tags = {2, {PR_IPM_OUTBOX_ENTRYID, PR_IPM_SUBTREE_ENTRYID}};
    CHECK("GetProps", Prop_GetProps(store, &tags, 0, &n, &cached));
    CHECK("OpenEntry(Outbox)", Store_OpenEntry(store, cached[0].Value.bin.cb, cached[0].Value.bin.lpb, NULL,
                                                 MAPI_BEST_ACCESS, &type, &outbox));
    CHECK("HrAllocAdviseSink", HrAllocAdviseSink((void *) on_store_notify, NULL, &storeSink));
    CHECK("Store Advise", Store_Advise(store, 0, NULL, fnevNewMail | fnevObjectCreated, storeSink, &storeConn));
    CHECK("Session Advise", Session_Advise(session, 0, NULL, fnevCriticalError, &mine, &sessionConn));

    /* the double's test hook delivers a critical error to the session sink (MAPI calls OnNotify) */
    HMODULE dbl = GetModuleHandleA("mapidouble.dll");
    ULONG (*notify)(unsigned long long, LONG) = dbl ? (void *) GetProcAddress(dbl, "dbl_notify_critical_error") : NULL;
    if (notify) notify(sessionConn, (LONG) 0x80040200);

    /* the spooler's status object: status table row with PR_RESOURCE_TYPE == MAPI_SPOOLER */
    SRowSet *rows = NULL;
    SPropTagArray4 cols = {2, {PR_ENTRYID, PR_RESOURCE_TYPE}};
    CHECK("GetStatusTable", Session_GetStatusTable(session, 0, &g_status_table));
    CHECK("SetColumns", Table_SetColumns(g_status_table, &cols, 0));
    CHECK("QueryRows", Table_QueryRows(g_status_table, 10, 0, &rows));
    for (ULONG i = 0; i < rows->cRows; i++) {
        SPropValue *t = row_prop(&rows->aRow[i], PR_RESOURCE_TYPE), *e = row_prop(&rows->aRow[i], PR_ENTRYID);
        if (t && e && t->Value.l == MAPI_SPOOLER)
            CHECK("OpenEntry(spooler)", Session_OpenEntry(session, e->Value.bin.cb, e->Value.bin.lpb, NULL, 0, &type, &status));
    }
    FreeProws(rows);
    if (!status) { printf("no spooler row\n"); return 3; }
    CHECK("FlushQueues", Status_FlushQueues(status, 0, 0, NULL, FLUSH_UPLOAD | FLUSH_NO_UI));
    CHECK("OpenAddressBook", Session_OpenAddressBook(session, 0, NULL, 0, &ab));

    HANDLE th = CreateThread(NULL, 0, worker, NULL, 0, NULL);
    WaitForSingleObject(th, INFINITE);
    DWORD wrc = 1;
    GetExitCodeThread(th, &wrc);
    CloseHandle(th);
    if (wrc != 0) { printf("worker failed\n"); return 5; }

    /* one property the utility way, freed at once */
    SPropValue *subtree = NULL;
    CHECK("HrGetOneProp", HrGetOneProp(store, PR_IPM_SUBTREE_ENTRYID, &subtree));
    if (subtree->ulPropTag != PR_IPM_SUBTREE_ENTRYID) { printf("HrGetOneProp returned tag 0x%08lX\n", subtree->ulPropTag); return 7; }
    MAPIFreeBuffer(subtree);

    /* fast shutdown, gated the documented way: QueryFastShutdown fails here, so the normal teardown follows */
    if (SUCCEEDED(QueryInterface(session, &IID_IMAPIClientShutdown_, &shutdown))) {
        if (SUCCEEDED(Shutdown_QueryFastShutdown(shutdown))) { printf("fast shutdown offered\n"); return 8; }
        RELEASE(shutdown);
    }

    /* 1. unadvise */
    CHECK("Store Unadvise", Store_Unadvise(store, storeConn));
    CHECK("Session Unadvise", Session_Unadvise(session, sessionConn));
    /* 2. release every open object (the store after an orderly StoreLogoff) */
    RELEASE(storeSink);
    RELEASE(status);
    RELEASE(g_status_table);
    RELEASE(outbox);
    ULONG logoffFlags = LOGOFF_NO_WAIT;
    CHECK("StoreLogoff", Store_StoreLogoff(store, &logoffFlags));
    RELEASE(store);
    RELEASE(ab);
    /* 3. free cached entry ids */
    MAPIFreeBuffer(cached);
    /* 4. logoff, 5. release the session */
    CHECK("Logoff", Session_Logoff(session, 0, 0, 0));
    RELEASE(session);
    /* 6. no OleUninitialize (no OleInitialize), 7. MAPIUninitialize, 8. DeinitMapiUtil */
    MAPIUninitialize();
    DeinitMapiUtil();
    if (mine.notified != 1) { printf("the session sink saw %ld notifications\n", mine.notified); return 6; }
    printf("OK\n");
    return 0;
}
