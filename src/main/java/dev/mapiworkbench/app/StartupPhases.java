package dev.mapiworkbench.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks of the start-up (ms since JVM start, the number of classes loaded so far and the process's CPU ms so far),
 * printed by {@code -Dworkbench.startup.phases=true} as {@code name=ms/classes/cpu ...} for the phase split of
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

    private record Mark(String name, long ms, int classes, long cpuMs) {}

    private final List<Mark> marks = new ArrayList<>();

    /** Records {@code name} now. */
    synchronized void mark(String name) {
        if (!enabled) {
            return;
        }
        long ms = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        marks.add(new Mark(name, ms, classes, processCpuMs()));
    }

    /**
     * The process's CPU time so far (user + system, all threads, from {@code /proc/self/stat}, 10 ms steps), -1 where
     * there is none: on a machine shared with other work it is the least disturbed figure of a start (decision 0820's
     * measurements; BareWindow prints the same).
     */
    static long processCpuMs() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/self/stat")) {
            String stat = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            // after the command's closing parenthesis: state is field 3, utime and stime fields 14 and 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public synchronized String toString() {
        StringBuilder s = new StringBuilder();
        for (Mark m : marks) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(m.name())
                    .append('=')
                    .append(m.ms())
                    .append('/')
                    .append(m.classes())
                    .append('/')
                    .append(m.cpuMs());
        }
        return s.toString();
    }
}
