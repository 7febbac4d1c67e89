package dev.mapiworkbench.mapi;

/** Capability: make a session raise fnevCriticalError to its session-wide advise sinks. */
public interface CriticalErrorInjector {

    void raiseCriticalError(MapiSession session, HResult scode, String reason);
}
