package dev.mapiworkbench.app.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads scenario files and the built-in scenarios. Every refusal is one line naming the file, the
 * line and the field ({@code slow.json:7: start.queued: queued must be 0..100000, not -1}); reading
 * never writes anything.
 */
public final class ScenarioReader {

    /** The largest scenario file read (a scenario is a few hundred bytes). */
    public static final long MAX_BYTES = 1 << 20;

    private static final String BUILTIN = "builtin/";
    private static final String PREFIX = "builtin:";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    /** A scenario file that cannot be used; the message is the one line to show. */
    public static final class ScenarioException extends Exception {
        private static final long serialVersionUID = 1L;

        public ScenarioException(String message) {
            super(message);
        }

        public ScenarioException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ScenarioReader() {}

    /** {@code builtin:NAME} (or a NAME that is not a file) is a built-in scenario; anything else a file. */
    public static Scenario load(String fileOrName) throws ScenarioException {
        if (fileOrName == null || fileOrName.isBlank()) {
            throw new ScenarioException("--scenario needs a file or a built-in name (see --list-scenarios)");
        }
        if (fileOrName.startsWith(PREFIX)) {
            return builtin(fileOrName.substring(PREFIX.length()));
        }
        Path p = Path.of(fileOrName);
        if (!Files.exists(p) && builtinNames().contains(fileOrName)) {
            return builtin(fileOrName);
        }
        return read(p);
    }

    /** Reads one scenario file. */
    public static Scenario read(Path file) throws ScenarioException {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new ScenarioException(name + ": no such file");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw new ScenarioException(name + ": not a regular file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ScenarioException(name + ": larger than " + MAX_BYTES / 1024 + " KiB; not a scenario file");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScenarioException(name + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(name, bytes);
    }

    /** Parses scenario text; {@code source} names it in errors. */
    public static Scenario parse(String source, byte[] bytes) throws ScenarioException {
        if (bytes.length > MAX_BYTES) {
            throw new ScenarioException(source + ": larger than " + MAX_BYTES / 1024 + " KiB; not a scenario file");
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new ScenarioException(source + ": not UTF-8 text", e);
        }
        try {
            Scenario s = MAPPER.readValue(bytes, Scenario.class);
            if (s == null) {
                throw new ScenarioException(
                        source + ": empty; expected a JSON object with \"schema\": \"" + Scenario.SCHEMA + "\"");
            }
            return s;
        } catch (JsonMappingException e) {
            throw new ScenarioException(describe(source, e, bytes), e);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(
                    source + ":" + line(e.getLocation()) + ": not valid JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ScenarioException(source + ": cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ScenarioException(source + ": " + firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static String describe(String source, JsonMappingException e, byte[] bytes) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        Throwable root = e;
        while (root != null && !(root instanceof IllegalArgumentException)) {
            root = root.getCause() == root ? null : root.getCause();
        }
        String why;
        if (root != null) {
            why = root.getMessage();
        } else if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            why = "unknown field \"" + cut(u.getPropertyName()) + "\"";
        } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                && m.getTargetType() != null) {
            String msg = firstLine(e.getOriginalMessage());
            why = msg.startsWith("Missing required creator property")
                    ? "missing required field " + msg.replaceAll(".*'([^']*)'.*", "\"$1\"")
                    : "wrong type, expected " + simple(m.getTargetType());
        } else {
            why = firstLine(e.getOriginalMessage());
        }
        String line = line(e.getLocation());
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            // Jackson reports where it stopped (after the value); name the line of the field itself
            line = fieldLine(bytes, u.getPropertyName(), e.getLocation());
        }
        return source + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + cut(why);
    }

    /** The line of the last {@code "name":} before where Jackson stopped. */
    private static String fieldLine(byte[] bytes, String name, JsonLocation stop) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "\"" + java.util.regex.Pattern.quote(name) + "\"\\s*:")
                .matcher(text);
        long limit = stop == null || stop.getCharOffset() < 0 ? text.length() : stop.getCharOffset();
        int found = -1;
        while (m.find() && m.start() <= limit) {
            found = m.start();
        }
        if (found < 0) {
            return line(stop);
        }
        return Long.toString(
                text.substring(0, found).chars().filter(c -> c == '\n').count() + 1);
    }

    private static String simple(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String line(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "1" : Integer.toString(loc.getLineNr());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return cut(nl < 0 ? s : s.substring(0, nl));
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** The built-in scenarios' names, in the order of the catalogue. */
    public static List<String> builtinNames() {
        try (InputStream in = ScenarioReader.class.getResourceAsStream(BUILTIN + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                String t = l.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    names.add(t);
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("the built-in scenario index cannot be read", e);
        }
    }

    /** A built-in scenario by name. */
    public static Scenario builtin(String name) throws ScenarioException {
        if (!builtinNames().contains(name)) {
            throw new ScenarioException(
                    "no built-in scenario named \"" + cut(name) + "\"; built-in: " + String.join(", ", builtinNames()));
        }
        try (InputStream in = ScenarioReader.class.getResourceAsStream(BUILTIN + name + ".json")) {
            if (in == null) {
                throw new ScenarioException("built-in scenario " + name + " is missing from the jar");
            }
            return parse(PREFIX + name, in.readAllBytes());
        } catch (IOException e) {
            throw new ScenarioException("built-in scenario " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every built-in scenario. */
    public static List<Scenario> builtins() {
        List<Scenario> out = new ArrayList<>();
        for (String n : builtinNames()) {
            try {
                out.add(builtin(n));
            } catch (ScenarioException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return out;
    }

    /** The scenario as JSON, the way {@link #parse} reads it back (transcripts embed this). */
    public static String toJson(Scenario s) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
