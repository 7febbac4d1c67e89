package dev.mapiworkbench.teardown;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every teardown step the engine knows, by its stable id. The {@link #id() wire id}
 * ({@code flush-outbox}, {@code logoff}, ...) is what transcripts, the command line ({@code --what-if-skip
 * release-objects}), node ids ({@code #step-logoff}) and the docs spell; it never changes. In code a step is
 * always this enum, so a typo does not compile and a {@code switch} over it is exhaustive.
 */
public enum StepId {
    /** After-sending mode only: FlushQueues on the spooler, then wait until the Outbox drains. */
    FLUSH_OUTBOX("flush-outbox"),
    UNADVISE("unadvise"),
    RELEASE_OBJECTS("release-objects"),
    FREE_BUFFERS("free-buffers"),
    LOGOFF("logoff"),
    RELEASE_SESSION("release-session"),
    OLE_UNINITIALIZE("ole-uninitialize"),
    MAPI_UNINITIALIZE("mapi-uninitialize"),
    DEINIT_MAPI_UTIL("deinit-mapi-util"),
    /**
     * Documented elsewhere: IMsgStore::StoreLogoff on every open store, between Unadvise and Release
     * (imsgstore-storelogoff.md; pywin32 PR #2196; MFCMAPI mapiProcessor.cpp). Not one of the 8 steps.
     */
    STORE_LOGOFF("store-logoff"),
    /** fast-shutdown plan: QueryInterface(IID_IMAPIClientShutdown) on the session, then QueryFastShutdown. */
    QUERY_FAST_SHUTDOWN("query-fast-shutdown"),
    /** fast-shutdown plan: NotifyProcessShutdown, only after QueryFastShutdown returned S_OK. */
    NOTIFY_PROCESS_SHUTDOWN("notify-process-shutdown"),
    /** fast-shutdown plan: DoFastShutdown; no MAPI call follows it. */
    DO_FAST_SHUTDOWN("do-fast-shutdown"),
    /**
     * Not a plan step: the record a transcript carries when the engine itself failed mid-run (an unchecked
     * exception outside any call). No plan lists it and the planner refuses it.
     */
    ENGINE("engine");

    private final String id;

    StepId(String id) {
        this.id = id;
    }

    /** The wire id: {@code flush-outbox}, {@code unadvise}, ... */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * The step with this wire id (case-insensitive, trimmed).
     *
     * @throws IllegalArgumentException naming the unknown id and the known ones
     */
    public static StepId parse(String text) {
        String t = text == null ? "" : text.trim();
        for (StepId s : values()) {
            if (s.id.equalsIgnoreCase(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no step '" + text + "' (steps: "
                + Arrays.stream(values())
                        .filter(s -> s != ENGINE)
                        .map(StepId::id)
                        .collect(Collectors.joining(", ")) + ")");
    }

    /** The wire id, so messages built from a step read as before. */
    @Override
    public String toString() {
        return id;
    }
}
