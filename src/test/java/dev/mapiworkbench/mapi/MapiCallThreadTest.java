package dev.mapiworkbench.mapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one-thread dispatcher of the Windows binding and of a client session (decisions 0050, 0450). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MapiCallThreadTest {

    private final MapiCallThread mapi = new MapiCallThread("mapi-test", 3);

    @AfterEach
    void close() {
        MapiCallThread.setMustNotWait(null);
        mapi.close();
    }

    @Test
    void callsRunOnTheOneThreadAndACallFromThereRunsInline() {
        String outer = mapi.call("outer", () -> {
            assertThat(MapiCallThread.current()).isSameAs(mapi);
            // a nested call (a callback, a step's call) must not queue behind the call that makes it
            return Thread.currentThread().getName() + "/"
                    + mapi.call("inner", () -> Thread.currentThread().getName());
        });
        assertThat(outer).isEqualTo("mapi-test/mapi-test");
        assertThat(mapi.call("again", () -> Thread.currentThread().getName())).isEqualTo("mapi-test");
        assertThat(mapi.isCurrent()).isFalse();
        assertThat(MapiCallThread.current()).isNull();
        assertThat(mapi.number()).isEqualTo(3);
    }

    @Test
    void aMapiFailureReachesTheCallerAsThrownAndACheckedOneBecomesCallFailed() {
        MapiException thrown = new MapiException(HResult.MAPI_E_NOT_FOUND, "IMsgStore::OpenEntry", "no such entry");
        assertThatThrownBy(() -> mapi.call("IMsgStore::OpenEntry", () -> {
                    throw thrown;
                }))
                .isSameAs(thrown);
        assertThatThrownBy(() -> mapi.call("x", () -> {
                    throw new java.io.IOException("disk");
                }))
                .isInstanceOfSatisfying(MapiException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_CALL_FAILED);
                    assertThat(e.getMessage()).contains("disk");
                });
    }

    @Test
    void retiringAStuckThreadFailsWhatWaitsBehindItAndEveryLaterCall() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> stuck = CompletableFuture.supplyAsync(() -> mapi.call("IMAPISession::Logoff", () -> {
            inCall.countDown();
            return release.await(60, TimeUnit.SECONDS);
        }));
        assertThat(inCall.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Object> queued =
                CompletableFuture.supplyAsync(() -> mapi.call("IMAPITable::QueryRows", () -> 1));
        // queued behind the stuck call, or (if it comes later) refused by the retired thread: it fails either way
        assertThat(mapi.busy()).isTrue();

        assertThat(mapi.retire("the teardown was abandoned while blocked in IMAPISession::Logoff"))
                .isTrue();
        assertThat(mapi.retire("again")).isFalse();

        assertThat(queued)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(MapiException.class)
                .withMessageContaining("blocked in IMAPISession::Logoff");
        assertThatThrownBy(() -> mapi.call("MAPIUninitialize", () -> 1))
                .isInstanceOfSatisfying(MapiException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_CALL_FAILED);
                    assertThat(e.getMessage()).contains("no longer takes calls");
                });
        // the stuck call itself is left to finish on its thread
        assertThat(stuck).isNotDone();
        release.countDown();
        assertThat(stuck.get(30, TimeUnit.SECONDS)).isEqualTo(true);
        assertThat(mapi.retiredBecause()).contains("abandoned");
    }

    @Test
    void aThreadThatMustNeverWaitIsRefusedButTheMapiThreadItselfIsNot() throws Exception {
        MapiCallThread.setMustNotWait(t -> t.getName().equals("fx-like"));
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        Thread fx = new Thread(
                () -> {
                    try {
                        mapi.call("IMAPIFolder::GetContentsTable", () -> 1);
                        refused.complete(null);
                    } catch (RuntimeException e) {
                        refused.complete(e);
                    }
                },
                "fx-like");
        fx.start();
        assertThat(refused.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(MapiException.class, e -> {
            assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_CALL_FAILED);
            assertThat(e.getMessage()).contains("'fx-like'", "must never wait");
        });
        // any other thread still gets its call made
        assertThat(mapi.call("x", () -> 7)).isEqualTo(7);
    }
}
