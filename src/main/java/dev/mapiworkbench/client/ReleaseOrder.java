package dev.mapiworkbench.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one release order of the desktop teardown ("Ending a MAPI Session", seed 000, steps 1-8), used
 * by the teardown planner ({@code dev.mapiworkbench.teardown.TeardownPlanner}) and by the clean-up of
 * a failed logon ({@link FailedLogonCleanup}), so a fix to the order is made once
 * (docs/decisions/0034, 0038). {@link Phase} is the order of the phases; the methods give the order
 * within a phase, read from the ledger at the moment they are called.
 */
public final class ReleaseOrder {

    /** The phases in the seed's order; {@link #stepId()} is the teardown plan's step id for the phase. */
    public enum Phase {
        UNADVISE("unadvise"),
        RELEASE_OBJECTS("release-objects"),
        FREE_BUFFERS("free-buffers"),
        LOGOFF("logoff"),
        RELEASE_SESSION("release-session"),
        OLE_UNINITIALIZE("ole-uninitialize"),
        MAPI_UNINITIALIZE("mapi-uninitialize"),
        DEINIT_MAPI_UTIL("deinit-mapi-util");

        private final String stepId;

        Phase(String stepId) {
            this.stepId = stepId;
        }

        /** The desktop plan's step id of this phase. */
        public String stepId() {
            return stepId;
        }

        /** The initialisation this phase undoes, or null for the phases that are not an un-initialisation. */
        public Ledger.Init init() {
            return switch (this) {
                case OLE_UNINITIALIZE -> Ledger.Init.OLE;
                case MAPI_UNINITIALIZE -> Ledger.Init.MAPI;
                case DEINIT_MAPI_UTIL -> Ledger.Init.MAPI_UTIL;
                default -> null;
            };
        }
    }

    private ReleaseOrder() {}

    /** Step 1: every advise connection, in the order it was registered. */
    public static List<Ledger.AdviseRecord> advises(Ledger ledger) {
        return List.copyOf(ledger.advises());
    }

    /**
     * Step 2: every open object but the session, last opened first (tables before their folders, sinks
     * after their connections).
     */
    public static List<Ledger.ObjectRecord> objects(Ledger ledger) {
        List<Ledger.ObjectRecord> objects = new ArrayList<>(ledger.objects());
        objects.removeIf(o -> o.role() == Ledger.Role.SESSION);
        Collections.reverse(objects);
        return objects;
    }

    /** Step 3: every cached buffer, in the order it was allocated. */
    public static List<Ledger.BufferRecord> buffers(Ledger ledger) {
        return List.copyOf(ledger.buffers());
    }
}
