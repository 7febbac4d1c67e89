package dev.mapiworkbench.mapi;

import java.util.Set;

/**
 * The simulated transport provider's switches. {@code latencyMillis} per message;
 * {@code failEvery} &gt; 0 fails every Nth message; {@code failProbability} in [0,1] with
 * {@code seed} for reproducible random failures; {@code failRecipients} fails messages to those
 * addresses (case-insensitive); {@code hang} never completes a send until cleared; {@code offline}
 * keeps everything queued (STATUS_OFFLINE).
 */
public record TransportSettings(
        long latencyMillis,
        int failEvery,
        double failProbability,
        long seed,
        Set<String> failRecipients,
        boolean hang,
        boolean offline) {

    public TransportSettings {
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0: " + latencyMillis);
        }
        if (failEvery < 0) {
            throw new IllegalArgumentException("failEvery must be >= 0: " + failEvery);
        }
        if (failProbability < 0 || failProbability > 1) {
            throw new IllegalArgumentException("failProbability must be in [0,1]: " + failProbability);
        }
        failRecipients = Set.copyOf(failRecipients);
    }

    /** The demo profile: a few seconds per message, so a person can choose "now" or "after sending". */
    public static TransportSettings defaults() {
        return new TransportSettings(3000, 0, 0, 1, Set.of(), false, false);
    }

    /** Zero latency, never fails: what tests start from. */
    public static TransportSettings instant() {
        return new TransportSettings(0, 0, 0, 1, Set.of(), false, false);
    }

    public TransportSettings withLatency(long millis) {
        return new TransportSettings(millis, failEvery, failProbability, seed, failRecipients, hang, offline);
    }

    public TransportSettings withFailEvery(int n) {
        return new TransportSettings(latencyMillis, n, failProbability, seed, failRecipients, hang, offline);
    }

    public TransportSettings withFailProbability(double p, long newSeed) {
        return new TransportSettings(latencyMillis, failEvery, p, newSeed, failRecipients, hang, offline);
    }

    public TransportSettings withFailRecipients(Set<String> recipients) {
        return new TransportSettings(latencyMillis, failEvery, failProbability, seed, recipients, hang, offline);
    }

    public TransportSettings withHang(boolean h) {
        return new TransportSettings(latencyMillis, failEvery, failProbability, seed, failRecipients, h, offline);
    }

    public TransportSettings withOffline(boolean o) {
        return new TransportSettings(latencyMillis, failEvery, failProbability, seed, failRecipients, hang, o);
    }
}
