/*
 * A leaky Extended MAPI client for the recorder's Wine test (RecorderWineTest), in the style of the
 * public samples that get teardown wrong: it never unadvises the store, never releases the Outbox
 * folder, never frees the entry ids it read, releases the session without IMAPISession::Logoff and
 * returns without MAPIUninitialize or DeinitMapiUtil. Prints "OK" and exits 0.
 */
#include "mapiclient.h"

static LONG WINAPI on_notify(void *ctx, ULONG n, void *notifications) { (void) ctx; (void) n; (void) notifications; return 0; }

int main(void) {
    void *session = NULL, *store = NULL, *outbox = NULL, *sink = NULL;
    ULONG_PTR conn = 0;
    SPropValue *cached = NULL;
    ULONG n = 0, type = 0;

    CHECK("MAPIInitialize", MAPIInitialize(NULL));
    CHECK("ScInitMapiUtil", ScInitMapiUtil(0));
    CHECK("MAPILogonEx", MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_USE_DEFAULT, &session));
    store = open_default_store(session);
    SPropTagArray4 tags = {1, {PR_IPM_OUTBOX_ENTRYID}};
    CHECK("GetProps", Prop_GetProps(store, &tags, 0, &n, &cached));
    CHECK("OpenEntry(Outbox)", Store_OpenEntry(store, cached[0].Value.bin.cb, cached[0].Value.bin.lpb, NULL,
                                                 MAPI_BEST_ACCESS, &type, &outbox));
    CHECK("HrAllocAdviseSink", HrAllocAdviseSink((void *) on_notify, NULL, &sink));
    CHECK("Store Advise", Store_Advise(store, 0, NULL, fnevNewMail, sink, &conn));
    RELEASE(store);   /* still advised */
    RELEASE(session); /* no Logoff */
    printf("OK\n");
    return 0;         /* no MAPIUninitialize, no DeinitMapiUtil; outbox, sink and cached never released */
}
