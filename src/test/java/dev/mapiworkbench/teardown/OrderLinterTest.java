package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.MapiFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rule: a trace that triggers it and the clean trace that does not. */
class OrderLinterTest {

    private final OrderLinter linter = new OrderLinter();

    private static CallRecord call(String api) {
        return new CallRecord(api, null, Map.of(), "S_OK", 0, 1, null, 1);
    }

    private static CallRecord failed(String api) {
        return new CallRecord(api, null, Map.of(), "MAPI_E_END_OF_SESSION", 0x80040200, 1, null, 1);
    }

    private static StepRecord step(StepId id, int seed, CallRecord... calls) {
        return new StepRecord(0, id, id.id(), seed, StepStatus.DONE, null, 1, List.of(calls));
    }

    private static StepRecord skipped(StepId id, int seed) {
        return new StepRecord(0, id, id.id(), seed, StepStatus.SKIPPED, "n/a", 0, List.of());
    }

    /** The documented desktop teardown with OLE and MAPI util. */
    private static List<StepRecord> cleanSteps() {
        return new ArrayList<>(List.of(
                step(StepId.UNADVISE, 1, call("IMsgStore::Unadvise")),
                step(StepId.RELEASE_OBJECTS, 2, call("IMsgStore::Release")),
                step(StepId.FREE_BUFFERS, 3, call("MAPIFreeBuffer")),
                step(StepId.LOGOFF, 4, call("IMAPISession::Logoff")),
                step(StepId.RELEASE_SESSION, 5, call("IMAPISession::Release")),
                step(StepId.OLE_UNINITIALIZE, 6, call("OleUninitialize")),
                step(StepId.MAPI_UNINITIALIZE, 7, call("MAPIUninitialize")),
                step(StepId.DEINIT_MAPI_UTIL, 8, call("DeinitMapiUtil"))));
    }

    private static OrderLinter.Trace trace(
            List<StepRecord> steps,
            int flags,
            OrderLinter.Held atLogoff,
            OrderLinter.Held atEnd,
            int mapi,
            int ole,
            int util) {
        return new OrderLinter.Trace(Plan.DESKTOP, flags, steps, mapi, ole, util, atLogoff, atEnd, List.of(), false);
    }

    private static OrderLinter.Trace clean() {
        return trace(cleanSteps(), 0, OrderLinter.Held.none(), OrderLinter.Held.none(), 1, 1, 1);
    }

    private List<String> rules(OrderLinter.Trace t) {
        return linter.lint(t).stream().map(Finding::rule).toList();
    }

    @Test
    void theDocumentedOrderHasNoFinding() {
        assertThat(linter.lint(clean())).isEmpty();
        assertThat(OrderLinter.result(List.of(), cleanSteps())).isEqualTo(Transcript.CLEAN);
    }

    @Test
    void logoffWithObjectsStillOpen() {
        OrderLinter.Held open = new OrderLinter.Held(List.of("IMsgStore 'Mailbox'"), List.of(), List.of());
        List<Finding> f = linter.lint(trace(cleanSteps(), 0, open, OrderLinter.Held.none(), 1, 1, 1));

        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(OrderLinter.OBJECTS_OPEN_AT_LOGOFF);
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.seedStep()).isEqualTo(2);
            assertThat(x.message()).contains("IMsgStore 'Mailbox'");
        });
        assertThat(rules(clean())).doesNotContain(OrderLinter.OBJECTS_OPEN_AT_LOGOFF);
    }

    @Test
    void adviseConnectionsNeverCancelled() {
        OrderLinter.Held advised = new OrderLinter.Held(List.of(), List.of("connection 0x3 on Outbox"), List.of());
        List<Finding> f = linter.lint(trace(cleanSteps(), 0, advised, OrderLinter.Held.none(), 1, 1, 1));

        assertThat(f).extracting(Finding::rule).containsExactly(OrderLinter.ADVISE_NOT_CANCELLED);
        assertThat(f.get(0).seedStep()).isEqualTo(1);
        assertThat(rules(clean())).doesNotContain(OrderLinter.ADVISE_NOT_CANCELLED);
    }

    @Test
    void cachedBuffersNotFreed() {
        OrderLinter.Held buffers = new OrderLinter.Held(List.of(), List.of(), List.of("PR_IPM_SUBTREE_ENTRYID 0x10"));
        List<Finding> f = linter.lint(trace(cleanSteps(), 0, OrderLinter.Held.none(), buffers, 1, 1, 1));

        assertThat(f).extracting(Finding::rule).containsExactly(OrderLinter.BUFFERS_NOT_FREED);
        assertThat(f.get(0).seedStep()).isEqualTo(3);
        assertThat(rules(clean())).doesNotContain(OrderLinter.BUFFERS_NOT_FREED);
    }

    @Test
    void oleUninitializeAfterMapiUninitialize() {
        List<StepRecord> steps = cleanSteps();
        StepRecord ole = steps.remove(5);
        steps.add(6, ole); // after mapi-uninitialize
        List<Finding> f = linter.lint(trace(steps, 0, OrderLinter.Held.none(), OrderLinter.Held.none(), 1, 1, 1));

        assertThat(f).extracting(Finding::rule).contains(OrderLinter.OLE_AFTER_MAPI_UNINIT);
        assertThat(f)
                .filteredOn(x -> x.rule().equals(OrderLinter.OLE_AFTER_MAPI_UNINIT))
                .singleElement()
                .satisfies(x -> assertThat(x.seedStep()).isEqualTo(7));
        assertThat(rules(clean())).doesNotContain(OrderLinter.OLE_AFTER_MAPI_UNINIT);
    }

    @Test
    void deinitMapiUtilWithoutScInitMapiUtil() {
        List<Finding> f =
                linter.lint(trace(cleanSteps(), 0, OrderLinter.Held.none(), OrderLinter.Held.none(), 1, 1, 0));

        assertThat(f).extracting(Finding::rule).containsExactly(OrderLinter.DEINIT_WITHOUT_INIT);
        assertThat(f.get(0).seedStep()).isEqualTo(8);
        assertThat(rules(clean())).doesNotContain(OrderLinter.DEINIT_WITHOUT_INIT);
    }

    @Test
    void callsAfterLogoffOtherThanRelease() {
        List<StepRecord> steps = cleanSteps();
        steps.set(4, step(StepId.RELEASE_SESSION, 5, call("IMAPISession::Release"), failed("IMsgStore::Unadvise")));
        List<Finding> f = linter.lint(trace(steps, 0, OrderLinter.Held.none(), OrderLinter.Held.none(), 1, 1, 1));

        assertThat(f).extracting(Finding::rule).containsExactly(OrderLinter.CALL_AFTER_LOGOFF);
        assertThat(f.get(0).message()).contains("IMsgStore::Unadvise").doesNotContain("IMAPISession::Release");
        assertThat(f.get(0).seedStep()).isEqualTo(4);
        // Release, and the global functions, after Logoff are fine:
        assertThat(rules(clean())).doesNotContain(OrderLinter.CALL_AFTER_LOGOFF);
    }

    @Test
    void unbalancedMapiInitialize() {
        List<Finding> twice =
                linter.lint(trace(cleanSteps(), 0, OrderLinter.Held.none(), OrderLinter.Held.none(), 2, 1, 1));
        assertThat(twice).extracting(Finding::rule).containsExactly(OrderLinter.UNBALANCED_MAPI_INIT);

        List<StepRecord> noUninit = cleanSteps();
        noUninit.set(6, skipped(StepId.MAPI_UNINITIALIZE, 7));
        assertThat(rules(trace(noUninit, 0, OrderLinter.Held.none(), OrderLinter.Held.none(), 1, 1, 1)))
                .containsExactly(OrderLinter.UNBALANCED_MAPI_INIT);
        assertThat(rules(clean())).doesNotContain(OrderLinter.UNBALANCED_MAPI_INIT);
    }

    @Test
    void logoffSharedPassedIsAWarningQuotingTheLogoffPage() {
        List<Finding> f = linter.lint(trace(
                cleanSteps(),
                MapiFlags.MAPI_LOGOFF_SHARED | MapiFlags.MAPI_LOGOFF_UI,
                OrderLinter.Held.none(),
                OrderLinter.Held.none(),
                1,
                1,
                1));

        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(OrderLinter.LOGOFF_SHARED_PASSED);
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.seedStep()).isEqualTo(4);
            assertThat(x.message()).contains("never").contains("Outlook 2007 SP2 and later");
        });
        assertThat(OrderLinter.result(f, cleanSteps())).isEqualTo(Transcript.WARNINGS);
        assertThat(rules(trace(
                        cleanSteps(),
                        MapiFlags.MAPI_LOGOFF_UI,
                        OrderLinter.Held.none(),
                        OrderLinter.Held.none(),
                        1,
                        1,
                        1)))
                .isEmpty();
    }

    @Test
    void sessionEndedWithoutLogoff() {
        List<StepRecord> steps = cleanSteps();
        steps.set(3, skipped(StepId.LOGOFF, 4));
        assertThat(rules(trace(steps, 0, null, OrderLinter.Held.none(), 1, 1, 1)))
                .containsExactly(OrderLinter.LOGOFF_NOT_CALLED);
        assertThat(rules(clean())).doesNotContain(OrderLinter.LOGOFF_NOT_CALLED);
        // no session (a logon that failed before MAPILogonEx returned): nothing to log off
        assertThat(rules(new OrderLinter.Trace(
                        Plan.DESKTOP, 0, steps, 1, 1, 1, null, OrderLinter.Held.none(), List.of(), false, false, 1)))
                .doesNotContain(OrderLinter.LOGOFF_NOT_CALLED);
    }

    @Test
    void oleAndMapiUtilLeftInitialised() {
        List<StepRecord> steps = cleanSteps();
        steps.set(5, skipped(StepId.OLE_UNINITIALIZE, 6));
        steps.set(7, skipped(StepId.DEINIT_MAPI_UTIL, 8));
        List<Finding> f = linter.lint(trace(steps, 0, OrderLinter.Held.none(), OrderLinter.Held.none(), 1, 1, 1));

        assertThat(f)
                .extracting(Finding::rule)
                .containsExactly(OrderLinter.OLE_NOT_UNINIT, OrderLinter.MAPI_UTIL_NOT_DEINIT);
        assertThat(f).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.WARNING);
        assertThat(rules(clean())).doesNotContain(OrderLinter.OLE_NOT_UNINIT, OrderLinter.MAPI_UTIL_NOT_DEINIT);
    }

    @Test
    void aStepRunAfterALaterSeedStepIsOutOfOrder() {
        List<StepRecord> steps = cleanSteps();
        StepRecord free = steps.remove(2);
        steps.add(3, free); // free-buffers after logoff: allowed by the rules above, but not the seed's order
        List<Finding> f = linter.lint(trace(steps, 0, OrderLinter.Held.none(), OrderLinter.Held.none(), 1, 1, 1));

        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(OrderLinter.STEP_OUT_OF_ORDER);
            assertThat(x.stepId()).isEqualTo(StepId.FREE_BUFFERS);
            assertThat(x.seedStep()).isEqualTo(3);
        });
    }

    @Test
    void subsystemFaultsBecomeFindings() {
        OrderLinter.Trace t = new OrderLinter.Trace(
                Plan.DESKTOP,
                0,
                cleanSteps(),
                1,
                1,
                1,
                OrderLinter.Held.none(),
                OrderLinter.Held.none(),
                List.of(new Transcript.Fault("ungraceful-termination", "boom", true)),
                false);

        assertThat(linter.lint(t)).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(OrderLinter.SUBSYSTEM_FAULT);
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void aFaultNamedAfterARuleIsThatRulesFindingReportedOnceNotAlsoASubsystemFault() {
        // the simulator reports the consequence of a threads rule under the rule's id (decision 0550); the
        // calls of this run do not show it, so the linter's own rule finds nothing: the fault is its finding
        String early = RuleCatalogue.FIRST_THREAD_UNINIT_EARLY;
        OrderLinter.Trace t = new OrderLinter.Trace(
                Plan.DESKTOP,
                0,
                cleanSteps(),
                1,
                1,
                1,
                OrderLinter.Held.none(),
                OrderLinter.Held.none(),
                List.of(new Transcript.Fault(early, "notifications stop", true)),
                false);

        assertThat(linter.lint(t)).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(early);
            assertThat(x.message()).contains("notifications stop");
            assertThat(x.source()).contains("stephen_griffin");
        });
    }

    @Test
    void aFailedStepMakesTheResultErrorsEvenWithoutFindings() {
        List<StepRecord> steps = cleanSteps();
        steps.set(0, new StepRecord(1, StepId.UNADVISE, "u", 1, StepStatus.FAILED, "x", 1, List.of()));

        assertThat(OrderLinter.result(List.of(), steps)).isEqualTo(Transcript.ERRORS);
    }

    @Test
    void ceRunsCiteTheCeSeedForCeSteps() {
        List<StepRecord> steps = List.of(
                step(StepId.LOGOFF, 1, call("IMAPISession::Logoff")),
                step(StepId.RELEASE_SESSION, 2, call("IMAPISession::Release")),
                skipped(StepId.MAPI_UNINITIALIZE, 3));
        OrderLinter.Trace t = new OrderLinter.Trace(
                Plan.CE, 0, steps, 1, 0, 0, OrderLinter.Held.none(), OrderLinter.Held.none(), List.of(), false);

        assertThat(linter.lint(t)).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(OrderLinter.UNBALANCED_MAPI_INIT);
            assertThat(x.seed()).isEqualTo(Plan.CE.seed());
            assertThat(x.seedStep()).isEqualTo(3);
        });
    }
}
