/*
 * Thread-safety probe for the recorder (RecorderWineTest): 4 threads each initialise MAPI, make 250
 * MAPIAllocateBuffer/MAPIFreeBuffer pairs and uninitialise, all at once. The trace must hold every
 * call on its own well-formed line. Prints "OK" and exits 0.
 */
#include "mapiclient.h"

#define THREADS 4
#define PAIRS 250
static volatile LONG g_failures;

static DWORD WINAPI work(void *arg) {
    (void) arg;
    if (FAILED(MAPIInitialize(NULL))) InterlockedIncrement(&g_failures);
    for (int i = 0; i < PAIRS; i++) {
        void *p = NULL;
        if (FAILED(MAPIAllocateBuffer(16 + (ULONG) i, &p)) || !p) InterlockedIncrement(&g_failures);
        MAPIFreeBuffer(p);
    }
    MAPIUninitialize();
    return 0;
}

int main(void) {
    HANDLE t[THREADS];
    for (int i = 0; i < THREADS; i++) t[i] = CreateThread(NULL, 0, work, NULL, 0, NULL);
    WaitForMultipleObjects(THREADS, t, TRUE, INFINITE);
    for (int i = 0; i < THREADS; i++) CloseHandle(t[i]);
    if (g_failures) { printf("%ld failures\n", g_failures); return 3; }
    printf("OK\n");
    return 0;
}
