package dev.mapiworkbench.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.OrderLinter;
import dev.mapiworkbench.teardown.RuleCatalogue;
import dev.mapiworkbench.teardown.Severity;
import dev.mapiworkbench.teardown.TraceLinter;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.trace.TraceCall;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes lint reports: {@code text} for people, {@code json} ({@value #SCHEMA}), SARIF 2.1.0 and JUnit
 * XML for CI systems (docs/cli.md). Each finding names its file, the line of the call it is about, its
 * {@code seq}, the seed step and the rule's source.
 */
public final class LintReport {

    /** The JSON report's schema id. */
    public static final String SCHEMA = "mapi-workbench/lint/v1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The output formats. */
    public enum Format {
        TEXT,
        JSON,
        SARIF,
        JUNIT;

        /** Parses {@code text|json|sarif|junit}; bad input names the option. */
        public static Format parse(String s) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return f;
                }
            }
            throw new LintCommand.BadInput(
                    "invalid value for --format: '" + s + "' (expected text, json, sarif " + "or junit)");
        }
    }

    private LintReport() {}

    /** The reports in the format. */
    public static String format(Format format, List<TraceLinter.Report> reports, RuleCatalogue.Profile profile) {
        return switch (format) {
            case TEXT -> text(reports);
            case JSON -> json(reports, profile);
            case SARIF -> sarif(reports, profile);
            case JUNIT -> junit(reports, profile);
        };
    }

    /** The worst result of the reports. */
    public static String result(List<TraceLinter.Report> reports) {
        if (reports.stream().anyMatch(r -> r.result().equals(Transcript.ERRORS))) {
            return Transcript.ERRORS;
        }
        return reports.stream().anyMatch(r -> r.result().equals(Transcript.WARNINGS))
                ? Transcript.WARNINGS
                : Transcript.CLEAN;
    }

    /** The line of the call a finding is about (0 when unknown). */
    static int line(TraceLinter.Report r, Finding f) {
        if (f.seq() == 0) {
            return 0;
        }
        for (TraceCall c : r.trace().calls()) {
            if (c.seq() == f.seq()) {
                return c.line();
            }
        }
        return 0;
    }

    // ---- text -------------------------------------------------------------------------------------

    private static String text(List<TraceLinter.Report> reports) {
        StringBuilder sb = new StringBuilder();
        for (TraceLinter.Report r : reports) {
            String file = r.trace().name();
            int leaks = leakCount(r.leaks());
            sb.append(file)
                    .append(": ")
                    .append(r.result())
                    .append(" (")
                    .append(r.findings().size())
                    .append(" finding")
                    .append(r.findings().size() == 1 ? "" : "s")
                    .append(", ")
                    .append(leaks)
                    .append(" leak")
                    .append(leaks == 1 ? "" : "s")
                    .append(", ")
                    .append(r.trace().calls().size())
                    .append(" calls)\n");
            for (Finding f : r.findings()) {
                int line = line(r, f);
                sb.append(file)
                        .append(':')
                        .append(line)
                        .append(": ")
                        .append(f.severity().id())
                        .append(' ')
                        .append(f.rule())
                        .append(" [seq ")
                        .append(f.seq())
                        .append(f.seedStep() == 0 ? "" : ", seed step " + f.seedStep())
                        .append("]: ")
                        .append(f.message())
                        .append('\n');
                if (f.source() != null) {
                    sb.append("    source: ").append(f.source()).append('\n');
                }
            }
            appendLeaks(sb, "object", r.leaks().objects());
            appendLeaks(sb, "advise connection", r.leaks().advises());
            appendLeaks(sb, "buffer", r.leaks().buffers());
        }
        return sb.toString();
    }

    private static void appendLeaks(StringBuilder sb, String kind, List<String> items) {
        for (String i : items) {
            sb.append("    leak: ").append(kind).append(' ').append(i).append('\n');
        }
    }

    private static int leakCount(OrderLinter.Held h) {
        return h.objects().size() + h.advises().size() + h.buffers().size();
    }

    // ---- json -------------------------------------------------------------------------------------

    private static String json(List<TraceLinter.Report> reports, RuleCatalogue.Profile profile) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("result", result(reports));
        root.put("profile", profile.id());
        ArrayNode findings = root.putArray("findings");
        ArrayNode files = root.putArray("files");
        for (TraceLinter.Report r : reports) {
            for (Finding f : r.findings()) {
                ObjectNode n = findings.addObject();
                n.put("rule", f.rule());
                n.put("severity", f.severity().id());
                n.put("message", f.message());
                putOrNull(n, "seq", f.seq());
                putOrNull(n, "seedStep", f.seedStep());
                n.put("file", r.trace().name());
                putOrNull(n, "line", line(r, f));
                n.put("source", f.source());
            }
            ObjectNode file = files.addObject();
            file.put("file", r.trace().name());
            file.put("source", r.trace().source());
            file.put("result", r.result());
            file.put("calls", r.trace().calls().size());
            file.put("findings", r.findings().size());
            ObjectNode leaks = file.putObject("leaks");
            r.leaks().objects().forEach(leaks.withArray("objects")::add);
            r.leaks().advises().forEach(leaks.withArray("advises")::add);
            r.leaks().buffers().forEach(leaks.withArray("buffers")::add);
            for (String k : List.of("objects", "advises", "buffers")) {
                leaks.withArray(k);
            }
        }
        return write(root);
    }

    private static void putOrNull(ObjectNode n, String field, long v) {
        if (v == 0) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    // ---- sarif ------------------------------------------------------------------------------------

    private static String sarif(List<TraceLinter.Report> reports, RuleCatalogue.Profile profile) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "mapi-workbench");
        driver.put("semanticVersion", "0.1.0");
        driver.put(
                "informationUri",
                "https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/" + "ending-a-mapi-session");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (RuleCatalogue.Rule rule : RuleCatalogue.rules(profile)) {
            index.put(rule.id(), index.size());
            ObjectNode n = rules.addObject();
            n.put("id", rule.id());
            n.putObject("shortDescription").put("text", rule.statement());
            String help = rule.sources().stream()
                    .map(RuleCatalogue.Source::location)
                    .filter(l -> l.startsWith("https://"))
                    .findFirst()
                    .orElse(null);
            if (help != null) {
                n.put("helpUri", help);
            }
            n.putObject("defaultConfiguration").put("level", level(rule.severity()));
            ObjectNode props = n.putObject("properties");
            ArrayNode src = props.putArray("sources");
            rule.sources().forEach(s -> src.add(s.text()));
            if (rule.seedStep() > 0) {
                props.put("seedStep", rule.seedStep());
            }
        }
        ArrayNode artifacts = run.putArray("artifacts");
        ArrayNode results = run.putArray("results");
        for (TraceLinter.Report r : reports) {
            String uri = uri(r.trace().name());
            artifacts.addObject().putObject("location").put("uri", uri);
            for (Finding f : r.findings()) {
                ObjectNode res = results.addObject();
                res.put("ruleId", f.rule());
                Integer i = index.get(f.rule());
                if (i != null) {
                    res.put("ruleIndex", i);
                }
                res.put("level", level(f.severity()));
                res.putObject("message").put("text", f.message());
                ObjectNode phys = res.putArray("locations").addObject().putObject("physicalLocation");
                phys.putObject("artifactLocation").put("uri", uri);
                int line = line(r, f);
                if (line > 0) {
                    phys.putObject("region").put("startLine", line);
                }
                ObjectNode props = res.putObject("properties");
                if (f.seq() > 0) {
                    props.put("seq", f.seq());
                }
                if (f.seedStep() > 0) {
                    props.put("seedStep", f.seedStep());
                }
                if (f.source() != null) {
                    props.put("source", f.source());
                }
            }
        }
        return write(root);
    }

    private static String level(Severity s) {
        return s == Severity.ERROR ? "error" : "warning";
    }

    /** A file name as a relative URI reference ({@code dir/my%20trace.jsonl}). */
    static String uri(String file) {
        String path = file.replace('\\', '/');
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return "trace";
        }
    }

    // ---- junit ------------------------------------------------------------------------------------

    private static String junit(List<TraceLinter.Report> reports, RuleCatalogue.Profile profile) {
        List<RuleCatalogue.Rule> rules = RuleCatalogue.rules(profile);
        StringBuilder body = new StringBuilder();
        int tests = 0;
        int failures = 0;
        for (TraceLinter.Report r : reports) {
            String file = r.trace().name();
            int fileFailures = 0;
            StringBuilder cases = new StringBuilder();
            for (RuleCatalogue.Rule rule : rules) {
                List<Finding> hits = r.findings().stream()
                        .filter(f -> f.rule().equals(rule.id()))
                        .toList();
                cases.append("    <testcase classname=\"")
                        .append(xml("mapi-workbench.lint." + file))
                        .append("\" name=\"")
                        .append(xml(rule.id()))
                        .append('"');
                if (hits.isEmpty()) {
                    cases.append("/>\n");
                    continue;
                }
                fileFailures++;
                StringBuilder detail = new StringBuilder();
                for (Finding f : hits) {
                    detail.append(file)
                            .append(':')
                            .append(line(r, f))
                            .append(" seq ")
                            .append(f.seq())
                            .append(": ")
                            .append(f.message())
                            .append('\n');
                }
                if (rule.sources().size() > 0) {
                    detail.append("source: ")
                            .append(RuleCatalogue.sourcesText(rule.id()))
                            .append('\n');
                }
                cases.append(">\n      <failure type=\"")
                        .append(hits.get(0).severity().id())
                        .append("\" message=\"")
                        .append(xml(hits.get(0).message()))
                        .append("\">")
                        .append(xml(detail.toString()))
                        .append("</failure>\n    </testcase>\n");
            }
            tests += rules.size();
            failures += fileFailures;
            body.append("  <testsuite name=\"")
                    .append(xml(file))
                    .append("\" tests=\"")
                    .append(rules.size())
                    .append("\" failures=\"")
                    .append(fileFailures)
                    .append("\" errors=\"0\" skipped=\"0\">\n")
                    .append(cases)
                    .append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"mapi-workbench lint\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"0\">\n" + body + "</testsuites>\n";
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\n' -> sb.append("&#10;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }
}
