package dev.mapiworkbench;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** For thread-leak tests: the threads of ours alive now, and those a piece of work left behind. */
public final class ThreadsLeft {

    private ThreadsLeft() {}

    /** The live threads whose names start with one of {@code prefixes}. */
    public static List<Thread> alive(List<String> prefixes) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> prefixes.stream().anyMatch(p -> t.getName().startsWith(p)))
                .toList();
    }

    /**
     * Joins (within {@code wait} in all) every such thread that is not in {@code before}, then names those that
     * did not end.
     */
    public static List<String> survivors(Collection<Thread> before, List<String> prefixes, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread t : alive(prefixes)) {
            if (!before.contains(t)) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        return alive(prefixes).stream()
                .filter(t -> !before.contains(t))
                .map(Thread::getName)
                .toList();
    }
}
