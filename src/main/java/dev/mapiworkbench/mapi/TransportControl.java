package dev.mapiworkbench.mapi;

/** Capability: change the simulated transport's switches while the session runs. */
public interface TransportControl {

    TransportSettings settings();

    /** Takes effect for the next message (and releases a hang when {@code hang} is cleared). */
    void apply(TransportSettings settings);
}
