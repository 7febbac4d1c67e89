package dev.mapiworkbench.teardown;

/**
 * One step of a plan: its stable id ({@code unadvise}), a title for people, and the number of the
 * seed step it implements (0 for {@code flush-outbox}, which precedes the seed's steps).
 */
public record StepDefinition(String id, String title, int seedStep) {
}
