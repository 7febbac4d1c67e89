package dev.mapiworkbench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiStatus;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the simulator reads from its store, counted (decision 0410): a synchronous FlushQueues over a
 * queue of N reads each queued message about once, not the whole remaining queue at every send (N²/2
 * reads before); a contents table reads only the windows asked for.
 */
class SimStoreReadCostTest {

    private static final int QUEUED = 200;

    private final List<CountingStore> opened = new ArrayList<>();
    private SimRuntime rt;

    @AfterEach
    void tearDown() {
        SimStores.wrapForTests = null;
        if (rt != null) {
            rt.mapiUninitialize();
        }
    }

    private MapiSession logOn(TransportSettings transport) {
        SimStores.wrapForTests = s -> {
            CountingStore c = new CountingStore(s);
            opened.add(c);
            return c;
        };
        rt = SimFixture.initialized(transport);
        return SimFixture.logon(rt);
    }

    private MapiSession session;

    /** Logs on offline and queues {@value #QUEUED} messages; returns the Outbox. */
    private MapiFolder queuedOutbox() {
        session = logOn(TransportSettings.instant().withOffline(true));
        MsgStore store = SimFixture.openDefaultStore(session);
        MapiFolder outbox = SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        for (int i = 0; i < QUEUED; i++) {
            SimFixture.submit(outbox, "queued " + i);
        }
        return outbox;
    }

    @Test
    void aSynchronousFlushReadsEachQueuedMessageAboutOnceNotTheQueueAtEverySend() {
        MapiFolder outbox = queuedOutbox();
        MapiStatus spooler = spoolerRow(session);
        CountingStore counted = opened.get(opened.size() - 1);
        rt.transportControl().apply(TransportSettings.instant().withLatency(2));
        long before = counted.messagesRead();

        spooler.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD); // returns when every queued message left

        long reads = counted.messagesRead() - before;
        assertThat(SimFixture.contents(outbox)).isEmpty();
        // the spooler reads each message a few times to send it (the queue window, the message at
        // pick-up and at the end); the flush adds about one read per message and per wake-up. Reading the
        // remaining queue at every wake-up would be about QUEUED² / 2 = 20,000 reads.
        assertThat(reads)
                .as("messages read while draining %d through a synchronous flush", QUEUED)
                .isLessThan(QUEUED * 12L);
    }

    @Test
    void aContentsTableReadsTheWindowsAskedForNotTheFolder() {
        MapiFolder outbox = queuedOutbox();
        CountingStore counted = opened.get(opened.size() - 1);
        MapiTable contents = outbox.getContentsTable(0);
        long before = counted.messagesRead();
        assertThat(contents.getRowCount(0)).isEqualTo(QUEUED);
        contents.seekRow(MapiFlags.BOOKMARK_BEGINNING, 150);
        List<Row> window = contents.queryRows(10, 0);
        assertThat(window).hasSize(10);
        assertThat(window.get(0).get(PropTag.PR_SUBJECT_W).asString()).isEqualTo("queued 150");
        assertThat(counted.messagesRead() - before).isEqualTo(10);
        contents.release();
    }

    private static MapiStatus spoolerRow(MapiSession session) {
        MapiTable t = session.getStatusTable(0);
        try {
            Row r = SimFixture.allRows(t).stream()
                    .filter(x -> x.get(PropTag.PR_RESOURCE_TYPE).asInt() == MapiFlags.MAPI_SPOOLER)
                    .findFirst()
                    .orElseThrow();
            return (MapiStatus) session.openEntry(r.get(PropTag.PR_ENTRYID).asEntryId(), 0);
        } finally {
            t.release();
        }
    }
}
