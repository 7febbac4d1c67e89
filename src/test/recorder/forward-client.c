/*
 * Exercises the recorder's untraced forwarding stubs (forward.c) for RecorderWineTest: PpropFindProp
 * (which the test double exports) twice, the first call going through the stub's resolve path and
 * the second straight to the real export, with all three arguments arriving intact; and
 * HrDispatchNotifications, which the double lacks, so the stub returns MAPI_E_CALL_FAILED.
 * Prints "OK" and exits 0.
 */
#include "mapiclient.h"

__declspec(dllimport) SPropValue *WINAPI PpropFindProp(SPropValue *props, ULONG count, ULONG tag);
__declspec(dllimport) HRESULT WINAPI HrDispatchNotifications(ULONG flags);

int main(void) {
    SPropValue props[3];
    memset(props, 0, sizeof props);
    props[0].ulPropTag = PR_ENTRYID;
    props[1].ulPropTag = PR_RESOURCE_TYPE;
    props[1].Value.l = MAPI_SPOOLER;
    props[2].ulPropTag = PR_IPM_OUTBOX_ENTRYID;
    for (int i = 0; i < 2; i++) {
        SPropValue *found = PpropFindProp(props, 3, PR_RESOURCE_TYPE);
        if (found != &props[1]) { printf("PpropFindProp call %d returned %p, not %p\n", i + 1, (void *) found, (void *) &props[1]); return 3; }
        if (PpropFindProp(props, 2, PR_IPM_OUTBOX_ENTRYID) != NULL) { printf("count not passed through\n"); return 3; }
    }
    HRESULT hr = HrDispatchNotifications(0);
    if (hr != (HRESULT) 0x80004005) { printf("HrDispatchNotifications returned 0x%08lX\n", (unsigned long) hr); return 3; }
    printf("OK\n");
    return 0;
}
