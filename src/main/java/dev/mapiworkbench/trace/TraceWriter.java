package dev.mapiworkbench.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code mapi-workbench/trace/v1}: the header line, then one line per call with its fields in the
 * documented order ({@code seq, thread, api, this, args, out, hr, ret}, then the optional
 * {@code step, synthetic, labels}); defaults that carry no information are left out. HRESULTs are written
 * by name when known, else as hex.
 */
public final class TraceWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceWriter() {}

    /** The whole trace as text (each line ends with a newline). */
    public static String toText(Trace trace) {
        StringBuilder sb = new StringBuilder();
        ObjectNode header = MAPPER.createObjectNode();
        header.put("schema", Trace.SCHEMA);
        header.put("source", trace.source() == null ? "" : trace.source());
        sb.append(json(header)).append('\n');
        for (TraceCall c : trace.calls()) {
            sb.append(line(c)).append('\n');
        }
        return sb.toString();
    }

    /** Writes the trace to a writer. */
    public static void write(Trace trace, Writer out) throws IOException {
        out.write(toText(trace));
        out.flush();
    }

    /** Writes the trace beside {@code file} and moves it into place, so it is never seen half-written. */
    public static void write(Trace trace, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".part");
        try {
            Files.writeString(tmp, toText(trace), StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One call as its JSON line (no newline). */
    public static String line(TraceCall c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("seq", c.seq());
        n.put("thread", c.thread());
        n.put("api", c.api());
        if (c.self() != null) {
            n.put("this", c.self());
        }
        if (!c.args().isEmpty()) {
            n.set("args", MAPPER.valueToTree(c.args()));
        }
        if (!c.out().isEmpty()) {
            n.set("out", MAPPER.valueToTree(c.out()));
        }
        n.put("hr", MapiNames.hresultName(c.hr()));
        if (c.ret() != null) {
            n.put("ret", c.ret());
        }
        if (c.step() != null) {
            n.put("step", c.step());
        }
        if (c.synthetic()) {
            n.put("synthetic", true);
        }
        if (!c.labels().isEmpty()) {
            n.set("labels", MAPPER.valueToTree(c.labels()));
        }
        return json(n);
    }

    private static String json(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a trace line", e);
        }
    }
}
