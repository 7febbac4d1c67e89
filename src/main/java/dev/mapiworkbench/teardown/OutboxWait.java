package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.ClientListener;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.client.TransportReplies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The after-sending wait of the {@code flush-outbox} step: after FlushQueues, wait until every message that
 * was queued has left the Outbox (sent or failed), the timeout passes, or the caller stops the wait. Wakes on
 * every Outbox change and polls every {@value #POLL_MILLIS} ms; reports each message's change and a tick every
 * {@value #TICK_MILLIS} ms as {@link TeardownEvent.WaitProgress}.
 *
 * <p>All time arithmetic saturates: the timeout may be any {@link Duration} (0, 1 ms, 1e10 s,
 * {@code Long.MAX_VALUE} ms …); what is longer than the clock can count waits "for ever", until the Outbox
 * drains or the caller stops it, and never overflows (issue #11 item 2).
 *
 * <p>{@link #command} may be called from any thread at any time (before the wait too): the first command wins.
 *
 * <p>Size: over 400 lines because it is one wait loop with its exits (drained, a command, a critical error,
 * the timeout and its question, an interrupt), each with its own summary line, and the saturating time
 * arithmetic they share; apart, which exit wins when two come together would be harder to see.
 */
final class OutboxWait {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWait.class);
    private static final long POLL_MILLIS = 200;
    private static final long TICK_MILLIS = 1000;

    /** What the caller asked the wait to do. */
    enum Command {
        NONE,
        CANCEL,
        LOG_OFF_NOW,
        /** fnevCriticalError arrived: stop waiting, the teardown goes on as the critical-error path. */
        CRITICAL_ERROR
    }

    /**
     * How the wait ended: the step's status and reason, whether the logoff was cancelled, and whether a
     * critical error ended it.
     */
    record Outcome(StepStatus status, String reason, boolean cancelled, boolean criticalError) {}

    /**
     * What the wait reads of the client: the queue once at the start, then only what changed (the model's
     * change log, decision 0260), so a tick costs the changes since the last one, not the Outbox.
     */
    interface Source {
        /** Makes the model current ({@link ClientSession#refreshOutbox}). */
        void refresh();

        /** {@link ClientSession#outboxVersion}. */
        long version();

        /** {@link ClientSession#outboxChangesSince}. */
        java.util.Optional<dev.mapiworkbench.client.OutboxChanges> changesSince(long version);

        /** The messages queued now ({@link ClientSession#pendingMessages}): read once, at the start. */
        List<OutboxItem> pending();

        /** The whole model: only when the change log no longer reaches back (a new logon meanwhile). */
        List<OutboxItem> snapshot();

        void addListener(ClientListener l);

        void removeListener(ClientListener l);

        /** The transport's reply for a sent message without one ({@link TransportReplies#of}). */
        String reply(String id);

        static Source of(ClientSession session) {
            return new Source() {
                @Override
                public void refresh() {
                    session.refreshOutbox();
                }

                @Override
                public long version() {
                    return session.outboxVersion();
                }

                @Override
                public java.util.Optional<dev.mapiworkbench.client.OutboxChanges> changesSince(long version) {
                    return session.outboxChangesSince(version);
                }

                @Override
                public List<OutboxItem> pending() {
                    return session.pendingMessages();
                }

                @Override
                public List<OutboxItem> snapshot() {
                    return session.outboxSnapshot();
                }

                @Override
                public void addListener(ClientListener l) {
                    session.addListener(l);
                }

                @Override
                public void removeListener(ClientListener l) {
                    session.removeListener(l);
                }

                @Override
                public String reply(String id) {
                    return TransportReplies.of(session, id);
                }
            };
        }
    }

    private final Source session;
    private final Duration timeout;
    private final long timeoutNanos;
    private final TimeoutHandler timeoutHandler;
    private final Consumer<TeardownEvent> emit;
    private final ReentrantLock lock;
    private final Condition changed;
    private final List<Transcript.Wait> waits = new ArrayList<>();
    private volatile Command command = Command.NONE;
    private volatile java.util.function.BooleanSupplier giveUp = () -> false;
    private volatile String criticalError;
    private long waitedNanos;

    /**
     * @param timeoutHandler asked on a timeout; null: log off (no UI)
     * @param lock           the run's lock; {@code changed} is signalled on every Outbox change and command
     */
    OutboxWait(
            ClientSession session,
            Duration timeout,
            TimeoutHandler timeoutHandler,
            Consumer<TeardownEvent> emit,
            ReentrantLock lock,
            Condition changed) {
        this(Source.of(session), timeout, timeoutHandler, emit, lock, changed);
    }

    /** The same over any {@link Source} (tests count what the wait reads). */
    OutboxWait(
            Source session,
            Duration timeout,
            TimeoutHandler timeoutHandler,
            Consumer<TeardownEvent> emit,
            ReentrantLock lock,
            Condition changed) {
        this.session = session;
        this.timeout = timeout;
        this.timeoutNanos = saturatedNanos(timeout);
        this.timeoutHandler = timeoutHandler;
        this.emit = emit;
        this.lock = lock;
        this.changed = changed;
    }

    /** The duration in nanoseconds, {@code Long.MAX_VALUE} when it is longer than that (about 292 years). */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Stops the wait (now, or as soon as it starts); the first command wins. Any thread. */
    void command(Command c) {
        lock.lock();
        try {
            if (command == Command.NONE) {
                command = c;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * fnevCriticalError arrived on the session (any time during the run, before the wait too): the wait
     * ends at once and says why. "A global error or event, such as a session shutdown in progress"
     * (mapi-notification-events); on a session error notification the client should log off
     * (implementing-an-advise-sink-object) — docs/mapi-reference.md 1.3.
     */
    void criticalError(String scode) {
        criticalError = scode;
        command(Command.CRITICAL_ERROR);
    }

    /** Each tracked message's end state, in the order they were queued (empty until the wait ran). */
    List<Transcript.Wait> waits() {
        return List.copyOf(waits);
    }

    /** Time spent waiting (not counted as engine time). */
    long waitedNanos() {
        return waitedNanos;
    }

    /** Waits for the Outbox of step {@code index} (the run's thread). */
    Outcome run(int index) {
        return run(index, () -> false);
    }

    /** The same, ending at once when {@code giveUp} holds (checked on every wake-up: the run was abandoned). */
    Outcome run(int index, java.util.function.BooleanSupplier giveUp) {
        this.giveUp = giveUp;
        long w0 = System.nanoTime();
        ClientListener wake = new ClientListener() {
            @Override
            public void outboxChanged() {
                signal();
            }
        };
        session.addListener(wake);
        try {
            return await(index, w0);
        } finally {
            session.removeListener(wake);
            waitedNanos += System.nanoTime() - w0;
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Outcome await(int index, long w0) {
        long version = session.version(); // before the read: a change in between is seen (twice is harmless)
        Map<String, OutboxItem> tracked = new LinkedHashMap<>();
        for (OutboxItem i : session.pending()) {
            tracked.put(i.id(), i);
        }
        // the tracked messages still queued, kept with every change: a tick does not scan the model
        java.util.Set<String> stillQueued = new java.util.LinkedHashSet<>(tracked.keySet());
        Map<String, Long> finishedAt = new HashMap<>();
        long lastTick = w0;
        long periodStart = w0;
        // when the timeout question comes, from the wait's start: the timeout, moved on by each "Keep waiting"
        Duration nextQuestion = timeout;
        emit.accept(new TeardownEvent.WaitProgress(index, null, List.copyOf(tracked.values()), Duration.ZERO, timeout));
        String stopReason = null;
        boolean cancelled = false;
        while (true) {
            session.refresh();
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - w0);
            java.util.Optional<dev.mapiworkbench.client.OutboxChanges> delta = session.changesSince(version);
            List<OutboxItem> changedItems;
            if (delta.isPresent()) {
                version = delta.get().toVersion();
                changedItems = delta.get().changed();
                for (String removed : delta.get().removed()) {
                    stillQueued.remove(removed); // a tracked draft deleted: no longer waited for
                }
            } else { // the change log does not reach back (rare): read the model once and go on from there
                version = session.version();
                changedItems = session.snapshot();
            }
            for (OutboxItem item : changedItems) {
                OutboxItem last = tracked.get(item.id());
                if (last != null && last.state() != item.state()) {
                    tracked.put(item.id(), item);
                    if (item.state().pending()) {
                        stillQueued.add(item.id());
                    } else {
                        stillQueued.remove(item.id());
                        finishedAt.put(item.id(), elapsed.toMillis());
                    }
                    emit.accept(progress(index, item, stillQueued.size(), elapsed, nextQuestion));
                }
            }
            if (stillQueued.isEmpty()) {
                break;
            }
            if (giveUp.getAsBoolean()) {
                stopReason = "the teardown was abandoned";
                break;
            }
            Command cmd = command;
            if (cmd == Command.CANCEL) {
                cancelled = true;
                stopReason = "the logoff was cancelled while waiting";
                break;
            }
            if (cmd == Command.LOG_OFF_NOW) {
                stopReason = "stopped waiting after " + seconds(elapsed);
                break;
            }
            if (cmd == Command.CRITICAL_ERROR) {
                stopReason = "fnevCriticalError (" + criticalError + ") after " + seconds(elapsed)
                        + ": stopped waiting; the teardown goes on without UI";
                break;
            }
            long inPeriod = now - periodStart; // both from the same clock: never overflows
            if (inPeriod >= timeoutNanos) {
                List<OutboxItem> pending =
                        stillQueued.stream().map(tracked::get).toList();
                TimeoutChoice choice = askTimeout(pending, elapsed);
                emit.accept(new TeardownEvent.WaitTimedOut(index, pending, choice));
                if (choice == TimeoutChoice.KEEP_WAITING) {
                    periodStart = System.nanoTime();
                    nextQuestion =
                            Duration.ofNanos(Math.max(0, periodStart - w0)).plus(timeout);
                    continue;
                }
                if (choice == TimeoutChoice.CANCEL_LOGOFF) {
                    cancelled = true;
                    stopReason = "timed out after " + seconds(elapsed) + "; the logoff was cancelled";
                } else {
                    stopReason = "timed out after " + seconds(elapsed);
                }
                break;
            }
            if (now - lastTick >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
                lastTick = now;
                emit.accept(progress(index, null, stillQueued.size(), elapsed, nextQuestion));
            }
            long waitFor = Math.min(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS), Math.max(1, timeoutNanos - inPeriod));
            if (!sleep(waitFor)) {
                stopReason = "interrupted";
                break;
            }
        }
        return summarise(
                tracked, finishedAt, Duration.ofNanos(System.nanoTime() - w0).toMillis(), stopReason, cancelled);
    }

    /**
     * A change or a tick: the message that changed (null on a tick) and how many are still queued; the
     * queued messages themselves went out once, in the first event, and each change names its message.
     */
    private static TeardownEvent.WaitProgress progress(
            int index, OutboxItem item, int stillQueued, Duration elapsed, Duration nextQuestion) {
        return new TeardownEvent.WaitProgress(index, item, List.of(), stillQueued, elapsed, nextQuestion);
    }

    /**
     * Waits up to {@code nanos} for a change or a command; false when interrupted. One timed wait, not a
     * loop: the caller's loop re-reads the Outbox after every wake-up, spurious ones included.
     */
    @SuppressWarnings("WaitNotInLoop")
    private boolean sleep(long nanos) {
        lock.lock();
        try {
            if (command == Command.NONE && !giveUp.getAsBoolean()) {
                changed.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private Outcome summarise(
            Map<String, OutboxItem> tracked,
            Map<String, Long> finishedAt,
            long totalMillis,
            String stopReason,
            boolean cancelled) {
        long sent = 0;
        List<String> failed = new ArrayList<>();
        List<String> queued = new ArrayList<>();
        for (OutboxItem i : tracked.values()) {
            String state = switch (i.state()) {
                case SENT -> "sent";
                case FAILED -> "failed";
                case DRAFT -> "draft";
                case SUBMITTED, LOCKED -> "queued";
            };
            if (i.state() == OutboxItem.State.SENT) {
                sent++;
            } else if (i.state() == OutboxItem.State.FAILED) {
                failed.add("'" + i.subject() + "'" + (i.reason() == null ? "" : " (" + i.reason() + ")"));
            } else if (i.state().pending()) {
                queued.add("'" + i.subject() + "'");
            }
            String reply = i.state() == OutboxItem.State.SENT && i.reply() == null ? session.reply(i.id()) : i.reply();
            waits.add(new Transcript.Wait(
                    i.id(), i.subject(), state, i.reason(), finishedAt.getOrDefault(i.id(), totalMillis), reply));
        }
        StringBuilder reason = new StringBuilder();
        reason.append(sent)
                .append(" of ")
                .append(tracked.size())
                .append(tracked.size() == 1 ? " message" : " messages")
                .append(" sent");
        if (!failed.isEmpty()) {
            reason.append("; failed: ").append(String.join(", ", failed));
        }
        if (stopReason != null) {
            reason.append("; ").append(stopReason);
        }
        if (!queued.isEmpty()) {
            reason.append("; ")
                    .append(cancelled ? "still queued: " : "left queued in the Outbox: ")
                    .append(String.join(", ", queued));
        }
        StepStatus status =
                failed.isEmpty() && queued.isEmpty() && stopReason == null ? StepStatus.DONE : StepStatus.WARNING;
        return new Outcome(status, reason.toString(), cancelled, command == Command.CRITICAL_ERROR);
    }

    /**
     * Asks the timeout handler and waits for its answer; a command made meanwhile answers instead (so a
     * dialog that never closes cannot hold the teardown). No handler, or one that throws or fails, means
     * "log off now".
     */
    private TimeoutChoice askTimeout(List<OutboxItem> pending, Duration waited) {
        if (timeoutHandler == null) {
            return TimeoutChoice.LOG_OFF_NOW;
        }
        CompletableFuture<TimeoutChoice> answer;
        try {
            answer = timeoutHandler.onTimeout(pending, waited).toCompletableFuture();
        } catch (RuntimeException e) {
            LOG.warn("the timeout handler failed; logging off", e);
            return TimeoutChoice.LOG_OFF_NOW;
        }
        CompletableFuture<TimeoutChoice> unused = answer.whenComplete((c, e) -> signal());
        lock.lock();
        try {
            while (!answer.isDone()) {
                Command cmd = command;
                if (cmd != Command.NONE) {
                    answer.cancel(false);
                    return cmd == Command.CANCEL ? TimeoutChoice.CANCEL_LOGOFF : TimeoutChoice.LOG_OFF_NOW;
                }
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TimeoutChoice.LOG_OFF_NOW;
        } finally {
            lock.unlock();
        }
        try {
            TimeoutChoice c = answer.getNow(null);
            return c == null ? TimeoutChoice.LOG_OFF_NOW : c;
        } catch (CompletionException | CancellationException e) {
            LOG.warn("the timeout handler failed; logging off", e.getCause() == null ? e : e.getCause());
            return TimeoutChoice.LOG_OFF_NOW;
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
