package dev.mapiworkbench.ui;

import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The client's Outbox model as the paged lists' tests see it: rows by sequence number and a version; page
 * requests wait in {@link #asked} until {@link #answerAll} (the FX thread answers them later in the real window).
 */
final class FakePages {

    /** seq -> row. */
    final TreeMap<Long, OutboxInfo> model = new TreeMap<>();
    /** The model's version a page is read at. */
    long version;
    /** Page requests not answered yet. */
    final List<Runnable> asked = new ArrayList<>();

    /** A {@link QueueView.Fetcher}: the rows of {@code seqs} the model has, once answered. */
    void fetch(long[] seqs, Consumer<QueuePage> done) {
        asked.add(() -> {
            List<OutboxInfo> rows = new ArrayList<>();
            for (long s : seqs) {
                if (model.containsKey(s)) {
                    rows.add(model.get(s));
                }
            }
            done.accept(new QueuePage(version, rows));
        });
    }

    /** Answers every request, and those the answers make. */
    void answerAll() {
        while (!asked.isEmpty()) {
            List<Runnable> now = new ArrayList<>(asked);
            asked.clear();
            now.forEach(Runnable::run);
        }
    }
}
