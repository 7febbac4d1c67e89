package dev.mapiworkbench.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks of the start-up (ms since JVM start and the number of classes loaded so far), printed by
 * {@code -Dworkbench.startup.phases=true} as {@code name=ms/classes ...} for the phase split of
 * src/dist/measure-startup.sh. When not enabled a mark does nothing (no management classes loaded
 * early for it).
 */
final class StartupPhases {

    /** The process's marks: enabled by {@code -Dworkbench.startup.phases=true}. */
    static final StartupPhases PROCESS = new StartupPhases(Boolean.getBoolean("workbench.startup.phases"));

    private final boolean enabled;

    StartupPhases(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    private record Mark(String name, long ms, int classes) {}

    private final List<Mark> marks = new ArrayList<>();

    /** Records {@code name} now. */
    synchronized void mark(String name) {
        if (!enabled) {
            return;
        }
        long ms = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        marks.add(new Mark(name, ms, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()));
    }

    @Override
    public synchronized String toString() {
        StringBuilder s = new StringBuilder();
        for (Mark m : marks) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(m.name()).append('=').append(m.ms()).append('/').append(m.classes());
        }
        return s.toString();
    }
}
