package dev.mapiworkbench.app.report;

import dev.mapiworkbench.app.AppInfo;
import dev.mapiworkbench.app.scenario.Replays;
import dev.mapiworkbench.teardown.CallRecord;
import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The session report (issue #13 item 7, docs/report.md): one self-contained HTML file (inline CSS, the
 * screenshots as {@code data:} URIs, no script, a Content-Security-Policy that forbids loading anything) and a
 * .zip beside it with the raw transcripts and the notes. Every piece of text (charter, notes, subjects, reasons,
 * call arguments) is escaped, so nothing a tester or a message typed can become markup.
 */
public final class SessionReport {

    /** The policy in the report's head: nothing may be fetched; only inline styles and data: images. */
    static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#1b1b1b}
            h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;\
            text-align:left;vertical-align:top}th{background:#f2f2f2}
            pre{background:#f6f6f6;border:1px solid #ddd;padding:.6em;white-space:pre-wrap;word-break:break-word}
            .result-clean{color:#176117}.result-warnings{color:#8a5a00}.result-errors{color:#a40000}
            .status-failed,.status-abandoned{color:#a40000}.status-warning{color:#8a5a00}
            .problem{color:#a40000}dl.summary{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}
            dl.summary dt{font-weight:600}figure{margin:1em 0}img{max-width:100%;border:1px solid #999}
            .calls{margin:0;padding-left:1.2em;font-family:monospace}
            """;

    private SessionReport() {}

    /** The .zip beside a report: {@code report.html} gives {@code report.zip}. */
    public static Path zipFor(Path html) {
        String name = html.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String stem = lower.endsWith(".html")
                ? name.substring(0, name.length() - 5)
                : lower.endsWith(".htm") ? name.substring(0, name.length() - 4) : name;
        return html.resolveSibling(stem + ".zip");
    }

    /**
     * Writes the HTML report to {@code html} and the .zip to {@link #zipFor}, each atomically (a temporary file,
     * then a move: a failure leaves any earlier report as it was). {@code progress} hears 0.5..1.
     *
     * @return the .zip
     */
    public static Path write(ReportInput in, Path html, DoubleConsumer progress) throws IOException {
        Path zip = zipFor(html);
        String page = html(in, zip.getFileName().toString(), Instant.now());
        progress.accept(0.7);
        TranscriptFiles.writeAtomically(zip, zip(in));
        progress.accept(0.85);
        TranscriptFiles.writeAtomically(html, page);
        progress.accept(1.0);
        return zip;
    }

    // ---- the zip --------------------------------------------------------------------------------

    /**
     * The .zip's bytes: {@code session.json} (charter, notes, runs, screenshots as the session saved them),
     * {@code notes.txt} and {@code transcripts/NAME.json} per run, as saved.
     */
    static byte[] zip(ReportInput in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(z, "session.json", TestSession.json(in.state()));
            entry(
                    z,
                    "notes.txt",
                    "Charter: " + in.state().charter() + "\n\n" + in.state().notes() + "\n");
            Set<String> names = new HashSet<>();
            for (ReportInput.Run r : in.runs()) {
                if (r.raw() != null && names.add(r.name())) {
                    entry(z, "transcripts/" + r.name(), r.raw());
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream z, String name, String content) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(content.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    // ---- the page -------------------------------------------------------------------------------

    /** The HTML page; {@code zipName} is named in its footer. */
    static String html(ReportInput in, String zipName, Instant exportedAt) {
        TestSession.State s = in.state();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CSP)
                .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Test session report: ")
                .append(esc(s.charter().isBlank() ? s.startedAt() : firstLine(s.charter())))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>MAPI Logoff Workbench: test session report</h1>\n")
                .append("<p class=\"meta\">Session started ")
                .append(esc(s.startedAt()))
                .append(", exported ")
                .append(esc(exportedAt.toString()))
                .append(", workbench ")
                .append(esc(AppInfo.version()))
                .append(". <span id=\"run-count\">")
                .append(in.runs().size())
                .append(" run(s)</span>, <span id=\"shot-count\">")
                .append(in.shots().size())
                .append(" screenshot(s)</span>.</p>\n</header>\n");
        h.append("<section id=\"charter\">\n<h2>Charter</h2>\n");
        textBlock(h, "charter-text", s.charter(), "No charter was written.");
        h.append("</section>\n<section id=\"notes\">\n<h2>Notes</h2>\n");
        textBlock(h, "notes-text", s.notes(), "No notes were written.");
        h.append("</section>\n<section id=\"runs\">\n<h2>Runs</h2>\n");
        if (in.runs().isEmpty()) {
            h.append("<p>No run ended during this session.</p>\n");
        } else {
            overview(h, in.runs());
            for (int i = 0; i < in.runs().size(); i++) {
                run(h, i + 1, in.runs().get(i));
            }
        }
        h.append("</section>\n<section id=\"screenshots\">\n<h2>Screenshots</h2>\n");
        if (in.shots().isEmpty()) {
            h.append("<p>No screenshots were taken.</p>\n");
        }
        for (int i = 0; i < in.shots().size(); i++) {
            shot(h, i + 1, in.shots().get(i));
        }
        h.append("</section>\n<footer>\n<p>The raw transcripts (JSON) and the notes are in <code>")
                .append(esc(zipName))
                .append("</code> beside this file.</p>\n</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void textBlock(StringBuilder h, String id, String text, String empty) {
        if (text.isBlank()) {
            h.append("<p id=\"").append(id).append("\"><em>").append(empty).append("</em></p>\n");
        } else {
            h.append("<pre id=\"").append(id).append("\">").append(esc(text)).append("</pre>\n");
        }
    }

    private static void overview(StringBuilder h, List<ReportInput.Run> runs) {
        h.append("<table class=\"overview\">\n<tr><th>#</th><th>Started</th><th>Mode</th><th>Plan</th>")
                .append("<th>Outcome</th><th>Result</th><th>Leaks</th><th>Findings</th></tr>\n");
        for (int i = 0; i < runs.size(); i++) {
            Transcript t = runs.get(i).transcript();
            h.append("<tr><td><a href=\"#run-")
                    .append(i + 1)
                    .append("\">")
                    .append(i + 1)
                    .append("</a></td>");
            if (t == null) {
                h.append("<td colspan=\"7\" class=\"problem\">")
                        .append(esc(runs.get(i).name() + ": " + runs.get(i).problem()))
                        .append("</td></tr>\n");
                continue;
            }
            cells(h, t.startedAt(), t.mode(), t.plan(), t.outcome());
            h.append("<td class=\"result-")
                    .append(esc(t.result()))
                    .append("\">")
                    .append(esc(t.result()))
                    .append("</td>");
            cells(
                    h,
                    Integer.toString(t.leaks().size()),
                    Integer.toString(t.findings().size()));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void run(StringBuilder h, int n, ReportInput.Run r) {
        h.append("<section class=\"run\" id=\"run-")
                .append(n)
                .append("\">\n<h3>Run ")
                .append(n);
        Transcript t = r.transcript();
        if (t == null) {
            h.append(": ")
                    .append(esc(r.name()))
                    .append("</h3>\n<p class=\"problem\">The transcript ")
                    .append(esc(r.problem()))
                    .append("</p>\n</section>\n");
            return;
        }
        h.append(": ")
                .append(esc(t.startedAt()))
                .append(", <span class=\"result-")
                .append(esc(t.result()))
                .append("\">")
                .append(esc(t.result()))
                .append("</span></h3>\n<dl class=\"summary\">\n");
        term(h, "Mode", t.mode());
        term(h, "Plan", t.plan());
        term(h, "Backend", t.backend());
        term(h, "Outcome", t.outcome());
        term(h, "Logoff flags", flags(t.flags()));
        if (t.outbox() != null) {
            term(
                    h,
                    "Outbox",
                    t.outbox().before() + " queued before, " + t.outbox().after() + " after");
        }
        term(h, "Engine time", String.format(Locale.ROOT, "%.1f ms", t.engineMicros() / 1000.0));
        if (t.run() != null) {
            term(h, "Profile", t.run().profile());
            if (!t.run().faults().isEmpty()) {
                term(h, "Faults", String.join(", ", t.run().faults()));
            }
        }
        term(h, "Transcript", r.name());
        h.append("</dl>\n<h4>Reproduce</h4>\n");
        if (t.run() == null) {
            h.append("<p>This transcript does not record how its run was set up, so no command reproduces it.</p>\n");
        } else {
            h.append("<pre class=\"command\">")
                    .append(esc(Replays.command(t.run())))
                    .append("</pre>\n");
        }
        findings(h, t.findings());
        leaks(h, t.leaks());
        steps(h, t.steps());
        h.append("</section>\n");
    }

    private static String flags(Transcript.Flags f) {
        if (f == null) {
            return "";
        }
        String hex = String.format(Locale.ROOT, "0x%X", f.value());
        return f.names().isEmpty() ? hex : hex + " (" + String.join(" | ", f.names()) + ")";
    }

    private static void findings(StringBuilder h, List<Finding> findings) {
        h.append("<h4>Findings (").append(findings.size()).append(")</h4>\n");
        if (findings.isEmpty()) {
            h.append("<p>None: the order linter found nothing.</p>\n");
            return;
        }
        h.append("<table class=\"findings\">\n<tr><th>Severity</th><th>Rule</th><th>Step</th><th>Message</th></tr>\n");
        for (Finding f : findings) {
            h.append("<tr>");
            cells(
                    h,
                    String.valueOf(f.severity()),
                    f.rule(),
                    f.stepId() == null ? "" : f.stepId().id(),
                    f.message());
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void leaks(StringBuilder h, List<Transcript.Leak> leaks) {
        h.append("<h4>Leaks (").append(leaks.size()).append(")</h4>\n");
        if (leaks.isEmpty()) {
            h.append("<p>None: the subsystem reported no leak.</p>\n");
            return;
        }
        h.append("<table class=\"leaks\">\n<tr><th>Kind</th><th>Name</th><th>Detail</th></tr>\n");
        for (Transcript.Leak l : leaks) {
            h.append("<tr>");
            cells(h, l.kind(), l.name(), l.detail());
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void steps(StringBuilder h, List<StepRecord> steps) {
        int calls = steps.stream().mapToInt(s -> s.calls().size()).sum();
        h.append("<h4>Steps and calls (")
                .append(steps.size())
                .append(" steps, ")
                .append(calls)
                .append(" calls)</h4>\n<table class=\"steps\">\n")
                .append("<tr><th>#</th><th>Step</th><th>Status</th><th>Calls</th></tr>\n");
        for (StepRecord s : steps) {
            String status = s.status() == null ? "" : s.status().id();
            h.append("<tr><td>")
                    .append(s.index())
                    .append("</td><td>")
                    .append(esc(s.title()))
                    .append("</td><td class=\"status-")
                    .append(esc(status))
                    .append("\">")
                    .append(esc(status));
            if (s.reason() != null && !s.reason().isBlank()) {
                h.append(": ").append(esc(s.reason()));
            }
            h.append("</td><td>");
            if (!s.calls().isEmpty()) {
                h.append("<ol class=\"calls\">");
                for (CallRecord c : s.calls()) {
                    h.append("<li>").append(esc(c.display())).append("</li>");
                }
                h.append("</ol>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void shot(StringBuilder h, int n, ReportInput.Shot s) {
        h.append("<figure class=\"shot\" id=\"shot-").append(n).append("\">\n");
        if (s.pngBase64() == null) {
            h.append("<p class=\"problem\">")
                    .append(esc(s.name() + ": " + s.problem()))
                    .append("</p>\n");
        } else {
            h.append("<img alt=\"")
                    .append(esc("Screenshot " + n + ": " + s.reason()))
                    .append("\" src=\"data:image/png;base64,")
                    .append(s.pngBase64())
                    .append("\">\n");
        }
        h.append("<figcaption>")
                .append(esc(s.name() + ", " + s.takenAt() + ": " + s.reason()))
                .append("</figcaption>\n</figure>\n");
    }

    private static void term(StringBuilder h, String name, String value) {
        h.append("<dt>")
                .append(esc(name))
                .append("</dt><dd>")
                .append(esc(value))
                .append("</dd>\n");
    }

    private static void cells(StringBuilder h, String... values) {
        for (String v : values) {
            h.append("<td>").append(esc(v)).append("</td>");
        }
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    /**
     * Text as HTML character data or a double-quoted attribute value: {@code & < > " '} become references, and
     * control characters other than tab, line feed and carriage return (not allowed in HTML) become U+FFFD;
     * null gives "".
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
