package dev.mapiworkbench.app.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** Made on first use: the window lists the built-in names before its first frame, Jackson is not needed for that. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonParser.Feature.ALLOW_COMMENTS)
                .build();
    }

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
        if (!Files.exists(p)) {
            List<String> names = builtinNames();
            if (names.contains(fileOrName)) {
                return builtin(fileOrName);
            }
            // a typo in a built-in name must not read as a missing file only: say both, and list the names
            throw new ScenarioException(
                    JsonProblems.cut(fileOrName) + ": neither a built-in scenario nor a file (built-in: "
                            + String.join(", ", names) + "; see --list-scenarios)");
        }
        return read(p);
    }

    /** Reads one scenario file. */
    public static Scenario read(Path file) throws ScenarioException {
        try {
            return parse(file.toString(), JsonProblems.readFile(file, MAX_BYTES, "scenario"));
        } catch (JsonProblems.Problem p) {
            throw new ScenarioException(p.getMessage(), p.getCause());
        }
    }

    /** Parses scenario text; {@code source} names it in errors. */
    public static Scenario parse(String source, byte[] bytes) throws ScenarioException {
        try {
            JsonProblems.checkText(source, bytes, MAX_BYTES, "scenario");
        } catch (JsonProblems.Problem p) {
            throw new ScenarioException(p.getMessage(), p.getCause());
        }
        try {
            Scenario s = Json.MAPPER.readValue(bytes, Scenario.class);
            if (s == null) {
                throw new ScenarioException(
                        source + ": empty; expected a JSON object with \"schema\": \"" + Scenario.SCHEMA + "\"");
            }
            return s;
        } catch (JsonMappingException e) {
            throw new ScenarioException(JsonProblems.describe(source, e, bytes), e);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(
                    source + ":" + JsonProblems.line(e.getLocation()) + ": not valid JSON: "
                            + JsonProblems.firstLine(e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new ScenarioException(source + ": cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ScenarioException(source + ": " + JsonProblems.firstLine(String.valueOf(e.getMessage())), e);
        }
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
            throw new ScenarioException("no built-in scenario named \"" + JsonProblems.cut(name) + "\"; built-in: "
                    + String.join(", ", builtinNames()));
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
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
