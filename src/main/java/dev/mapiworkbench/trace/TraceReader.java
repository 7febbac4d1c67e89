package dev.mapiworkbench.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code mapi-workbench/trace/v1} (docs/trace.md): JSON Lines, UTF-8; blank lines and lines
 * starting with {@code //} are ignored; the first other line is the header. Every problem is a
 * {@link TraceFormatException} naming the file, the line and what is wrong. Unknown fields are ignored
 * (the format may gain fields).
 */
public final class TraceReader {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private TraceReader() {}

    /** Reads a file ({@code name} is what messages call it). */
    public static Trace read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        }
    }

    /** Reads a stream as strict UTF-8. */
    public static Trace read(String name, InputStream in) throws IOException {
        return read(
                name,
                new InputStreamReader(
                        in,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** Parses text (tests, pasted traces). */
    public static Trace parse(String name, String text) {
        try {
            return read(name, new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads from a reader. */
    public static Trace read(String name, Reader reader) throws IOException {
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String source = null;
        boolean header = false;
        List<TraceCall> calls = new ArrayList<>();
        long lastSeq = 0;
        int lineNo = 0;
        String text;
        while (true) {
            try {
                text = r.readLine();
            } catch (CharacterCodingException e) {
                throw new TraceFormatException(name, lineNo + 1, "not UTF-8 text");
            }
            if (text == null) {
                break;
            }
            lineNo++;
            String t = text.strip();
            if (lineNo == 1 && t.startsWith("\uFEFF")) {
                t = t.substring(1).strip();
            }
            if (t.isEmpty() || t.startsWith("//")) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(t);
            } catch (JsonProcessingException e) {
                throw new TraceFormatException(name, lineNo, "not a JSON object: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new TraceFormatException(name, lineNo, "not a JSON object");
            }
            if (!header) {
                JsonNode schema = node.get("schema");
                if (schema == null || !schema.isTextual()) {
                    throw new TraceFormatException(
                            name,
                            lineNo,
                            "the first line must be the header " + "{\"schema\": \"" + Trace.SCHEMA
                                    + "\", \"source\": \"...\"}");
                }
                if (!Trace.SCHEMA.equals(schema.asText())) {
                    throw new TraceFormatException(
                            name,
                            lineNo,
                            "unsupported schema '" + schema.asText() + "' (expected " + Trace.SCHEMA + ")");
                }
                JsonNode src = node.get("source");
                if (src != null && !src.isTextual() && !src.isNull()) {
                    throw new TraceFormatException(name, lineNo, "\"source\" must be a string");
                }
                source = src == null || src.isNull() ? "" : src.asText();
                header = true;
                continue;
            }
            TraceCall call = call(name, lineNo, node, lastSeq);
            lastSeq = call.seq();
            calls.add(call);
        }
        if (!header) {
            throw new TraceFormatException(
                    name,
                    Math.max(lineNo, 1),
                    "empty trace: the header line {\"schema\": \"" + Trace.SCHEMA + "\"} is missing");
        }
        return new Trace(name, source, calls);
    }

    private static TraceCall call(String file, int line, JsonNode n, long lastSeq) {
        if (n.has("schema")) {
            throw new TraceFormatException(file, line, "a second header line; every line after the header is one call");
        }
        JsonNode apiNode = n.get("api");
        if (apiNode == null) {
            throw new TraceFormatException(file, line, "missing \"api\"");
        }
        if (!apiNode.isTextual() || apiNode.asText().isBlank()) {
            throw new TraceFormatException(file, line, "\"api\" must be a function or Interface::Method name");
        }
        String api = apiNode.asText().strip();
        if (api.contains("::")
                && (api.startsWith("::") || api.endsWith("::") || api.indexOf("::") != api.lastIndexOf("::"))) {
            throw new TraceFormatException(file, line, "\"api\": '" + api + "' is not Interface::Method");
        }
        String self = null;
        JsonNode thisNode = n.get("this");
        if (thisNode != null && !thisNode.isNull()) {
            if (!thisNode.isTextual() || !Handles.OBJ.matcher(thisNode.asText()).matches()) {
                throw new TraceFormatException(
                        file, line, "\"this\" must be an object handle obj:<n>, not " + thisNode);
            }
            self = thisNode.asText();
        } else if (api.contains("::")) {
            throw new TraceFormatException(
                    file,
                    line,
                    "missing \"this\": " + api + " is a method and needs the "
                            + "handle of the object called (obj:<n>)");
        }
        Map<String, Object> args = map(file, line, n, "args", false);
        Map<String, Object> out = map(file, line, n, "out", true);
        int hr = 0;
        JsonNode hrNode = n.get("hr");
        if (hrNode != null && !hrNode.isNull()) {
            if (hrNode.isIntegralNumber()) {
                long v = hrNode.asLong();
                if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) {
                    throw new TraceFormatException(file, line, "\"hr\": " + v + " is not a 32-bit HRESULT");
                }
                hr = (int) v;
            } else if (hrNode.isTextual()) {
                try {
                    hr = MapiNames.parseHresult(hrNode.asText());
                } catch (IllegalArgumentException e) {
                    throw new TraceFormatException(file, line, "\"hr\": " + e.getMessage());
                }
            } else {
                throw new TraceFormatException(file, line, "\"hr\" must be an HRESULT name or hex string");
            }
        }
        Integer ret = null;
        JsonNode retNode = n.get("ret");
        if (retNode != null && !retNode.isNull()) {
            if (!retNode.isIntegralNumber() || retNode.asLong() < 0 || retNode.asLong() > 0xFFFFFFFFL) {
                throw new TraceFormatException(file, line, "\"ret\" must be a reference count (a number 0 or more)");
            }
            ret = (int) retNode.asLong();
        }
        long seq = lastSeq + 1;
        JsonNode seqNode = n.get("seq");
        if (seqNode != null && !seqNode.isNull()) {
            if (!seqNode.isIntegralNumber() || seqNode.asLong() < 0) {
                throw new TraceFormatException(file, line, "\"seq\" must be a whole number 0 or more");
            }
            seq = seqNode.asLong();
            if (seq <= lastSeq && lastSeq > 0) {
                throw new TraceFormatException(
                        file,
                        line,
                        "\"seq\" " + seq + " is not after the previous call's " + lastSeq
                                + " (calls are in the order the client made them)");
            }
        }
        int thread = 1;
        JsonNode threadNode = n.get("thread");
        if (threadNode != null && !threadNode.isNull()) {
            if (!threadNode.isIntegralNumber() || threadNode.asLong() < 0 || threadNode.asLong() > Integer.MAX_VALUE) {
                throw new TraceFormatException(file, line, "\"thread\" must be a thread number (0 or more)");
            }
            thread = threadNode.asInt();
        }
        String step = null;
        JsonNode stepNode = n.get("step");
        if (stepNode != null && !stepNode.isNull()) {
            if (!stepNode.isTextual()) {
                throw new TraceFormatException(file, line, "\"step\" must be a step id such as \"unadvise\"");
            }
            step = stepNode.asText();
        }
        JsonNode synthNode = n.get("synthetic");
        if (synthNode != null && !synthNode.isNull() && !synthNode.isBoolean()) {
            throw new TraceFormatException(file, line, "\"synthetic\" must be true or false");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelNode = n.get("labels");
        if (labelNode != null && !labelNode.isNull()) {
            if (!labelNode.isObject()) {
                throw new TraceFormatException(file, line, "\"labels\" must be an object of handle -> name");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = labelNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new TraceFormatException(file, line, "\"labels\"." + e.getKey() + " must be a string");
                }
                labels.put(e.getKey(), e.getValue().asText());
            }
        }
        TraceCall call = new TraceCall(
                seq,
                thread,
                api,
                self,
                args,
                out,
                hr,
                ret,
                line,
                step,
                synthNode != null && synthNode.asBoolean(),
                labels);
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (e.getKey().endsWith("Flags") && e.getValue() instanceof String s) {
                try {
                    MapiNames.parseFlags(s);
                } catch (IllegalArgumentException ex) {
                    throw new TraceFormatException(file, line, "\"args\"." + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        return call;
    }

    private static Map<String, Object> map(String file, int line, JsonNode n, String field, boolean isOut) {
        JsonNode node = n.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new TraceFormatException(file, line, "\"" + field + "\" must be an object of named values");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = "\"" + field + "\"." + e.getKey();
            Object v = value(file, line, where, e.getValue());
            if (isOut
                    && !(v instanceof Number)
                    && !(v == null)
                    && !(v instanceof String s
                            && (Handles.OBJ.matcher(s).matches()
                                    || Handles.BUF.matcher(s).matches()))) {
                throw new TraceFormatException(
                        file, line, where + " must be obj:<n>, buf:<n>, a number or null, not " + e.getValue());
            }
            m.put(e.getKey(), v);
        }
        return m;
    }

    private static Object value(String file, int line, String where, JsonNode v) {
        if (v.isTextual()) {
            String s = v.asText();
            if ((s.startsWith("obj:") && !Handles.OBJ.matcher(s).matches())
                    || (s.startsWith("buf:") && !Handles.BUF.matcher(s).matches())) {
                throw new TraceFormatException(
                        file, line, where + ": '" + s + "' is not a handle (obj:<n> or buf:<n>)");
            }
            return s;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNull()) {
            return null;
        }
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), value(file, line, where + "." + e.getKey(), e.getValue()));
            }
            return m;
        }
        List<Object> list = new ArrayList<>();
        int i = 0;
        for (JsonNode x : v) {
            list.add(value(file, line, where + "[" + i++ + "]", x));
        }
        return list;
    }
}
