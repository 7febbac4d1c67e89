package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.TransportRuleControl;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A simulator whose transport follows per-message rules (decision 0440), logged on with the default store's
 * Outbox open: the set-up of the transport-rule tests ({@link SimTransportRulesTest}, {@link SimGreylistingTest}).
 */
record SimRulesRun(SimRuntime rt, MapiSession session, MapiFolder outbox) {

    /** {@code rules} (one rule each, as --transport-rule gives them); {@code beforeInit} runs on the runtime first. */
    static SimRulesRun start(Consumer<SimRuntime> beforeInit, String... rules) {
        SimRuntime rt = SimFixture.memoryRuntime(
                TransportSettings.instant(), Map.of(SimTransportRules.EXTRA, String.join("\n", rules)));
        beforeInit.accept(rt);
        rt.mapiInitialize(dev.mapiworkbench.mapi.MapiInit.multithreaded());
        MapiSession session = SimFixture.logon(rt);
        MsgStore store = SimFixture.openDefaultStore(session);
        return new SimRulesRun(rt, session, SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID));
    }

    TransportRuleControl rules() {
        return rt.capability(TransportRuleControl.class).orElseThrow();
    }

    /** The subjects the transport delivered, in order. */
    List<String> delivered() {
        return rt.transportLog().stream().map(SimRuntime.Delivery::subject).toList();
    }

    /** Removes the rules (a held send lets go) and un-initialises MAPI as often as it was initialised. */
    void end() {
        rules().replace(List.of());
        while (rt.diagnostics().initCount() > 0) {
            rt.mapiUninitialize();
        }
    }
}
