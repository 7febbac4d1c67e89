package dev.mapiworkbench.teardown;

/**
 * One step of a plan: its stable id ({@link StepId#UNADVISE}), a title for people, and the number of the
 * seed step it implements (0 for {@link StepId#FLUSH_OUTBOX}, which precedes the seed's steps).
 */
public record StepDefinition(StepId id, String title, int seedStep) {}
