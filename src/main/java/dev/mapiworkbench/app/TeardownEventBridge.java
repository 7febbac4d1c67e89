package dev.mapiworkbench.app;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.teardown.CallRecord;
import dev.mapiworkbench.teardown.StepDefinition;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.TeardownEvent;
import dev.mapiworkbench.teardown.TeardownListener;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.ui.TeardownGateway.PlannedStep;
import dev.mapiworkbench.ui.TeardownGateway.TeardownEvents;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link TeardownEvent}s → the window's {@link TeardownEvents}, on the engine's thread. Calls
 * are counted per step and only the first {@link StepViewModel#SHOWN_CALLS} are passed on in full (a 10k-call
 * step must not cost 10k rows). A listener failure is logged, never thrown into the engine.
 */
final class TeardownEventBridge implements TeardownListener {

    private static final Logger LOG = LoggerFactory.getLogger(TeardownEventBridge.class);
    private static final int SHOWN_CALLS = StepViewModel.SHOWN_CALLS;

    private final TeardownEvents out;
    private final Consumer<Transcript> beforeFinished;
    private final Consumer<Transcript> afterFinished;
    private final Runnable onFinished;

    @GuardedBy("this")
    private final Map<Integer, StepCalls> calls = new HashMap<>();

    @GuardedBy("this")
    private final Map<Integer, StepId> stepIds = new HashMap<>();

    @GuardedBy("this")
    private boolean waiting;

    @GuardedBy("this")
    private final java.util.Set<String> failedInWait = new java.util.HashSet<>();

    private java.util.function.Supplier<dev.mapiworkbench.mapi.TransportSettings> transport = () -> null;

    /**
     * @param out        the window's events
     * @param onFinished run after {@link TeardownEvents#finished} (the gateway refreshes the snapshot)
     */
    TeardownEventBridge(TeardownEvents out, Runnable onFinished) {
        this(out, t -> {}, t -> {}, onFinished);
    }

    /**
     * @param beforeFinished runs with the transcript before the window hears of the end (what the window may ask
     *                       for at once: the run record)
     * @param afterFinished  runs with it on the engine's thread once the window has been told, after
     *                       {@code onFinished} (the history save: the end does not wait for the file, decision 0841)
     */
    TeardownEventBridge(
            TeardownEvents out,
            Consumer<Transcript> beforeFinished,
            Consumer<Transcript> afterFinished,
            Runnable onFinished) {
        this.out = out;
        this.beforeFinished = beforeFinished;
        this.afterFinished = afterFinished;
        this.onFinished = onFinished;
    }

    /** Where the wait pane's "why nothing moves" reads the running transport's switches (null: unknown). */
    TeardownEventBridge withTransport(java.util.function.Supplier<dev.mapiworkbench.mapi.TransportSettings> settings) {
        this.transport = settings;
        return this;
    }

    /**
     * Why the after-sending wait does not move, for people: the transport offline or hung, messages failing
     * (and the "fail every N" switch behind it); "" while messages go out normally or none is left.
     */
    static String whyNothingMoves(dev.mapiworkbench.mapi.TransportSettings s, int pending, int failed) {
        if (pending == 0) {
            return "";
        }
        if (s != null && s.offline()) {
            return "Nothing moves: the transport is offline (Transport tab: clear Offline, Apply).";
        }
        if (s != null && s.hang()) {
            return "Nothing moves: the transport hangs while sending (Transport tab: clear Hang, Apply).";
        }
        if (failed > 0) {
            return failed + (failed == 1 ? " message has" : " messages have") + " failed so far"
                    + (s != null && s.failEvery() > 0
                            ? ": the transport fails every " + s.failEvery() + (s.failEvery() == 1 ? " send" : " sends")
                            : "")
                    + ".";
        }
        return s == null ? "" : "Sending: " + s.latencyMillis() + " ms per message.";
    }

    @Override
    public synchronized void onEvent(TeardownEvent event) {
        try {
            handle(event);
        } catch (RuntimeException e) {
            LOG.error("teardown event {} could not be shown", event.getClass().getSimpleName(), e);
        }
    }

    @GuardedBy("this")
    private void handle(TeardownEvent event) {
        if (event instanceof TeardownEvent.Started s) {
            List<PlannedStep> planned = new ArrayList<>();
            for (int i = 0; i < s.steps().size(); i++) {
                StepDefinition def = s.steps().get(i);
                stepIds.put(i + 1, def.id());
                planned.add(new PlannedStep(def.id(), def.title(), List.of()));
            }
            out.planned(null, planned);
        } else if (event instanceof TeardownEvent.AwaitingProceed a) {
            out.paused(a.step().id());
        } else if (event instanceof TeardownEvent.StepStarted st) {
            stepIds.put(st.index(), st.step().id());
            out.stepStarted(st.step().id(), st.step().title());
            calls.put(st.index(), new StepCalls());
            out.calls(st.step().id(), head(st.plannedCalls()), st.plannedCalls().size());
        } else if (event instanceof TeardownEvent.CallStarted cs) {
            out.callInProgress(cs.step().id(), cs.call(), System.nanoTime());
        } else if (event instanceof TeardownEvent.CallMade c) {
            StepCalls sc = calls.computeIfAbsent(c.stepIndex(), k -> new StepCalls());
            sc.add(c.call());
            StepId id = stepIds.get(c.stepIndex());
            if (id != null) {
                out.callInProgress(id, null, 0);
                out.calls(id, List.copyOf(sc.first), sc.total);
            }
        } else if (event instanceof TeardownEvent.StepFinished f) {
            stepFinished(f.step());
        } else if (event instanceof TeardownEvent.WaitProgress w) {
            waiting = true;
            for (OutboxItem p : w.pending()) {
                out.waitProgress(p.id(), p.subject(), waitWord(p), waitFraction(p));
            }
            if (w.item() != null) {
                out.waitProgress(w.item().id(), w.item().subject(), waitWord(w.item()), waitFraction(w.item()));
                if (w.item().state() == OutboxItem.State.FAILED) {
                    failedInWait.add(w.item().id());
                }
            }
            long timeout = w.timeout() == null ? -1 : saturatedMillis(w.timeout());
            out.waitStatus(
                    w.elapsed().toMillis(),
                    timeout,
                    whyNothingMoves(transport.get(), w.pendingCount(), failedInWait.size()));
        } else if (event instanceof TeardownEvent.WaitTimedOut t) {
            LOG.info(
                    "after-sending wait timed out with {} message(s) queued: {}",
                    t.pending().size(),
                    t.choice());
        } else if (event instanceof TeardownEvent.ProviderPrompt p) {
            LOG.info(
                    "provider {} asked '{}', answer {}",
                    p.prompt().provider(),
                    p.prompt().question(),
                    p.prompt().answer());
            out.providerAnswered(
                    p.prompt().provider(),
                    p.prompt().question(),
                    p.prompt().answer(),
                    p.prompt().defaulted());
        } else if (event instanceof TeardownEvent.Finished fin) {
            finished(fin.transcript());
        }
    }

    @GuardedBy("this")
    private void stepFinished(StepRecord r) {
        if (!r.calls().isEmpty()) {
            out.calls(
                    r.id(),
                    r.calls().stream()
                            .limit(SHOWN_CALLS)
                            .map(CallRecord::display)
                            .toList(),
                    r.calls().size());
        }
        if (waiting && r.id() == StepId.FLUSH_OUTBOX) {
            waiting = false;
            out.waitEnded("Wait finished: " + r.status().id());
        }
        out.stepFinished(r.id(), r.title(), r.status(), r.reason(), r.durationMicros());
    }

    @GuardedBy("this")
    private void finished(Transcript t) {
        try {
            beforeFinished.accept(t);
        } catch (RuntimeException e) {
            LOG.error("the transcript could not be kept", e);
        }
        try {
            tellTheWindow(t);
        } finally {
            // the window has been told (or telling it failed): now the save, which the end did not wait for
            try {
                afterFinished.accept(t);
            } catch (RuntimeException e) {
                LOG.error("the finished transcript could not be saved", e);
            }
        }
    }

    @GuardedBy("this")
    private void tellTheWindow(Transcript t) {
        if (waiting) {
            waiting = false;
            out.waitEnded("");
        }
        if (Transcript.ABANDONED.equals(t.outcome())) {
            t.steps().stream()
                    .filter(r -> r.status() == dev.mapiworkbench.teardown.StepStatus.ABANDONED)
                    .findFirst()
                    .ifPresent(r -> out.abandoned(r.reason()));
        }
        if (!t.carriedOver().isEmpty()) {
            out.carriedOver(
                    t.carriedOver().stream().map(TeardownEventBridge::leakLine).toList());
        }
        out.finished(
                t.result(),
                t.leaks().stream().map(TeardownEventBridge::leakLine).toList(),
                t.findings(),
                Transcript.CANCELLED.equals(t.outcome()));
        onFinished.run();
    }

    /** "OBJECT 'Inbox' — still held by the client". */
    static String leakLine(Transcript.Leak l) {
        return l.kind() + " '" + l.name() + "'" + (l.detail() == null ? "" : " — " + l.detail());
    }

    /** A message's word in the wait pane: queued, sending, sent, failed, draft, and the SMTP reply when there is one. */
    static String waitWord(OutboxItem i) {
        String word = switch (i.state()) {
            case SUBMITTED -> "queued";
            case LOCKED -> "sending";
            case SENT -> "sent";
            case FAILED -> "failed";
            case DRAFT -> "draft";
        };
        // the SMTP server's reply per message (decision 0161): "queued — 451 4.3.0 try again later"
        return i.reply() == null || i.reply().isBlank() || i.state() == OutboxItem.State.LOCKED
                ? word
                : word + " — " + i.reply();
    }

    /** A message's progress bar: 0 waiting, -1 (indeterminate) sending, 1 ended. */
    static double waitFraction(OutboxItem i) {
        return switch (i.state()) {
            case SUBMITTED, DRAFT -> 0.0;
            case LOCKED -> -1.0;
            case SENT, FAILED -> 1.0;
        };
    }

    private static long saturatedMillis(java.time.Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static List<String> head(List<String> list) {
        return list.size() <= SHOWN_CALLS ? List.copyOf(list) : List.copyOf(list.subList(0, SHOWN_CALLS));
    }

    private static final class StepCalls {
        final List<String> first = new ArrayList<>();
        int total;

        void add(CallRecord c) {
            if (first.size() < SHOWN_CALLS) {
                first.add(c.display());
            }
            total++;
        }
    }
}
