package dev.mapiworkbench.app.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mapiworkbench.client.ScenarioThreads;
import dev.mapiworkbench.client.ThreadSpec;
import dev.mapiworkbench.mapi.FlagSet;
import java.util.List;

/**
 * The {@code threads} part of a scenario (decision 0550, docs/scenarios.md "Threads"): extra client threads
 * besides the session's MAPI thread, each as {@code --thread} takes it ({@link ThreadSpec}). Every value is
 * checked while the file is read; a refusal names {@code threads[i].FIELD} and its line.
 */
public final class ScenarioThreadsPart {

    private ScenarioThreadsPart() {}

    /**
     * One extra thread.
     *
     * @param name         1-32 of {@code a-z 0-9 -}, unique in the scenario
     * @param initialize   whether it calls MAPIInitialize (default true)
     * @param initFlags    MAPIINIT_0.ulFlags (hex, decimal or names joined with |; default 0)
     * @param start        {@code before-logon} or {@code after-logon} (default)
     * @param calls        {@code MAPIAllocateBuffer}, {@code MAPILogonEx}
     * @param uninitialize {@code before} (default), {@code after} or {@code never}, relative to the session's thread
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "initialize", "initFlags", "start", "calls", "uninitialize"})
    public record ExtraThread(
            @JsonProperty(value = "name", required = true) String name,
            @JsonProperty("initialize") Boolean initialize,
            @JsonProperty("initFlags") String initFlags,
            @JsonProperty("start") String start,
            @JsonProperty("calls") List<String> calls,
            @JsonProperty("uninitialize") String uninitialize) {

        public ExtraThread {
            spec(name, initialize, initFlags, start, calls, uninitialize);
        }

        /** The {@code --thread} value this thread stands for. */
        public String toSpec() {
            return spec(name, initialize, initFlags, start, calls, uninitialize).toString();
        }

        private static ThreadSpec spec(
                String name, Boolean initialize, String initFlags, String start, List<String> calls, String uninit) {
            int flags;
            try {
                flags = initFlags == null ? 0 : FlagSet.INIT.parse(initFlags);
            } catch (IllegalArgumentException e) {
                throw new JsonProblems.FieldProblem(e.getMessage(), e, "initFlags");
            }
            ThreadSpec.Start s;
            try {
                s = start == null ? ThreadSpec.Start.AFTER_LOGON : ThreadSpec.Start.of(start);
            } catch (IllegalArgumentException e) {
                throw new JsonProblems.FieldProblem(e.getMessage(), e, "start");
            }
            ThreadSpec.Uninit u;
            try {
                u = uninit == null ? ThreadSpec.Uninit.BEFORE : ThreadSpec.Uninit.of(uninit);
            } catch (IllegalArgumentException e) {
                throw new JsonProblems.FieldProblem(
                        e.getMessage().replace("uninit must", "uninitialize must"), e, "uninitialize");
            }
            List<String> c = calls == null ? List.of() : calls;
            for (int i = 0; i < c.size(); i++) {
                if (!ThreadSpec.CALLS.contains(c.get(i))) {
                    throw new JsonProblems.FieldProblem(
                            "a scenario thread can call " + String.join(" and ", ThreadSpec.CALLS) + ", not "
                                    + Scenario.quoted(c.get(i)),
                            "calls",
                            i);
                }
            }
            try {
                return new ThreadSpec(name, !Boolean.FALSE.equals(initialize), flags, s, c, u);
            } catch (IllegalArgumentException e) {
                throw new JsonProblems.FieldProblem(e.getMessage(), e, "name");
            }
        }
    }

    /** The threads, checked together (at most 8, each name once); a refusal names {@code threads[i]}. */
    static List<ExtraThread> check(List<ExtraThread> threads) {
        List<ExtraThread> copy = threads == null ? List.of() : List.copyOf(threads);
        if (copy.size() > ThreadSpec.MAX_THREADS) {
            throw new JsonProblems.FieldProblem(
                    "at most " + ThreadSpec.MAX_THREADS + " threads, not " + copy.size(), "threads");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            if (!names.add(copy.get(i).name())) {
                throw new JsonProblems.FieldProblem(
                        "two threads are named " + Scenario.quoted(copy.get(i).name()), "threads", i, "name");
            }
        }
        ScenarioThreads.check(
                copy.stream().map(t -> ThreadSpec.parse(t.toSpec())).toList());
        return copy;
    }
}
