package dev.mapiworkbench.teardown;

/** Receives a teardown's events on the executor's thread. Must return quickly and not throw. */
@FunctionalInterface
public interface TeardownListener {
    void onEvent(TeardownEvent event);
}
