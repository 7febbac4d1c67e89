package dev.mapiworkbench.mapi;

import java.time.Instant;
import java.util.List;

/**
 * Capability of the simulated subsystem: the transport's per-message rules ({@link TransportRule},
 * docs/scenarios.md "Transport rules"). Obtained with {@code runtime.capability(TransportRuleControl.class)};
 * a real backend has none. Thread-safe; listeners are called on the thread that made the change (possibly
 * with the simulator's lock held: a listener only hands the news on, it never calls back in).
 */
public interface TransportRuleControl {

    /** What a rule is doing to one message right now. */
    enum Doing {
        /** A {@code hang} rule holds the message inside the transport's send. */
        HOLDING,
        /** A {@code smtp:4xx} rule deferred the message; it waits for its retry (greylisting, decision 0610). */
        GREYLISTED
    }

    /**
     * One message a rule acts on now.
     *
     * @param rule    the rule's number in {@link #rules()}, from 1
     * @param doing   holding or greylisted
     * @param subject the message's subject
     * @param reply   for {@link Doing#GREYLISTED}: the SMTP-like reply it got; else null
     * @param retryAt for {@link Doing#GREYLISTED}: when it is tried again; else null
     */
    record Activity(int rule, Doing doing, String subject, String reply, Instant retryAt) {}

    /** The rules in force, in the order they are tried. */
    List<TransportRule> rules();

    /**
     * Puts {@code rules} in force instead of those before: the send count of {@code #N} starts again at 1, a
     * send hung by a rule that is gone goes on, an offline period a rule started ends, and mail a 4xx rule
     * deferred waits no longer.
     */
    void replace(List<TransportRule> rules);

    /**
     * Adds {@code rule} at the end of the rules in force. The send count of {@code #N} starts again at 1 (so
     * {@code #1} is the next message the transport starts); what the other rules hold or deferred stays.
     */
    void add(TransportRule rule);

    /**
     * Removes rule number {@code rule} (from 1): a send it holds goes on, mail it deferred is tried again, the
     * other rules keep what they do. False: there is no such rule.
     */
    boolean remove(int rule);

    /** The sends held by {@code hang} rule {@code rule} (from 1) go on; the rule stays. False: none was held. */
    boolean release(int rule);

    /** Mail a 4xx rule deferred is tried again at once instead of after its retry delay. */
    void retryNow();

    /** The messages the rules hold or have deferred now, in rule order. */
    List<Activity> activity();

    /** Called after any change: the rules replaced, a send held or let go, a message deferred or retried. */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
