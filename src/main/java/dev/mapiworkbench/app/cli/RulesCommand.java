package dev.mapiworkbench.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiworkbench.teardown.RuleCatalogue;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mapi-workbench rules [--format text|json] [--profile-rules NAME]}: the rule catalogue — every
 * rule's id, severity, one-line statement, sources and seed step (docs/rules.md, docs/cli.md).
 */
@Command(
        name = "rules",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "List every linter rule with its severity, statement, sources and seed step.")
public final class RulesCommand implements Callable<Integer> {

    /** The JSON catalogue's schema id. */
    public static final String SCHEMA = "mapi-workbench/rules/v1";

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    @Mixin
    ProfileOption profileOption = new ProfileOption();

    private PrintStream out = System.out;

    /** Where the catalogue goes. */
    public RulesCommand streams(PrintStream stdout) {
        this.out = stdout;
        return this;
    }

    @Override
    public Integer call() {
        RuleCatalogue.Profile p = profileOption.profile();
        if ("json".equalsIgnoreCase(format)) {
            out.print(json(p));
        } else if ("text".equalsIgnoreCase(format)) {
            out.print(text(p));
        } else {
            throw new LintCommand.BadInput("invalid value for --format: '" + format + "' (expected text or json)");
        }
        out.flush();
        return 0;
    }

    static String text(RuleCatalogue.Profile p) {
        StringBuilder sb = new StringBuilder();
        for (RuleCatalogue.Rule r : RuleCatalogue.rules(p)) {
            sb.append(r.id())
                    .append(" (")
                    .append(r.severity().id())
                    .append(r.seedStep() == 0 ? "" : ", seed step " + r.seedStep())
                    .append(")\n    ")
                    .append(r.statement())
                    .append('\n');
            r.sources().forEach(s -> sb.append("    source: ").append(s.text()).append('\n'));
        }
        return sb.toString();
    }

    static String json(RuleCatalogue.Profile p) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("profile", p.id());
        ArrayNode rules = root.putArray("rules");
        for (RuleCatalogue.Rule r : RuleCatalogue.rules(p)) {
            ObjectNode n = rules.addObject();
            n.put("id", r.id());
            n.put("severity", r.severity().id());
            n.put("statement", r.statement());
            ArrayNode sources = n.putArray("sources");
            r.sources().forEach(s -> sources.addObject().put("title", s.title()).put("location", s.location()));
            if (r.seedStep() == 0) {
                n.putNull("seedStep");
            } else {
                n.put("seedStep", r.seedStep());
            }
            n.put("step", r.stepId() == null ? null : r.stepId().id());
            ArrayNode profiles = n.putArray("profiles");
            for (RuleCatalogue.Profile each : RuleCatalogue.Profile.values()) {
                if (each.includes(r)) {
                    profiles.add(each.id());
                }
            }
        }
        try {
            return mapper.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
