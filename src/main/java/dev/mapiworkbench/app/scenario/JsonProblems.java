package dev.mapiworkbench.app.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line for a JSON document that cannot be used: {@code SOURCE:LINE: FIELD.PATH: why}. Shared by the
 * scenario reader and the transcript reader of {@code --replay}.
 */
final class JsonProblems {

    private JsonProblems() {}

    /** A file or text that cannot be used; the message is the one line to show. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A value that is not allowed, thrown while a record is built: {@code field} is the value's path inside
     * the object being built (a field name, or a field name and a list index), so the error names the value
     * and its line, not the object around it.
     */
    static final class FieldProblem extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient List<Object> field;

        FieldProblem(String message, Object... field) {
            super(message);
            this.field = List.of(field);
        }

        FieldProblem(String message, Throwable cause, Object... field) {
            super(message, cause);
            this.field = List.of(field);
        }

        List<Object> field() {
            return field;
        }
    }

    /** A regular file of at most {@code max} bytes of UTF-8 text; {@code kind} names it in errors. */
    static byte[] readFile(java.nio.file.Path file, long max, String kind) throws Problem {
        String name = file.toString();
        if (!java.nio.file.Files.exists(file)) {
            throw new Problem(name + ": no such file", null);
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new Problem(name + ": not a regular file", null);
        }
        byte[] bytes;
        try {
            if (java.nio.file.Files.size(file) > max) {
                throw new Problem(name + ": larger than " + max / 1024 + " KiB; not a " + kind + " file", null);
            }
            bytes = java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new Problem(name + ": cannot be read: " + e.getMessage(), e);
        }
        checkText(name, bytes, max, kind);
        return bytes;
    }

    /** At most {@code max} bytes of UTF-8. */
    static void checkText(String source, byte[] bytes, long max, String kind) throws Problem {
        if (bytes.length > max) {
            throw new Problem(source + ": larger than " + max / 1024 + " KiB; not a " + kind + " file", null);
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Problem(source + ": not UTF-8 text", e);
        }
    }

    /** The line of the first {@code "name":} in {@code text}, "1" when there is none. */
    static String fieldLine(String text, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "\"" + java.util.regex.Pattern.quote(name) + "\"\\s*:")
                .matcher(text);
        if (!m.find()) {
            return "1";
        }
        return Long.toString(
                text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1);
    }

    static String describe(String source, JsonMappingException e, byte[] bytes) {
        List<Object> at = new java.util.ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            at.add(r.getFieldName() != null ? r.getFieldName() : Integer.valueOf(r.getIndex()));
        }
        Throwable root = e;
        while (root != null && !(root instanceof IllegalArgumentException)) {
            root = root.getCause() == root ? null : root.getCause();
        }
        String valueLine = null;
        if (root instanceof FieldProblem f) {
            // Jackson reports the end of the object it was building; name the bad value's own line
            at.addAll(f.field());
            int l = lineOf(bytes, at);
            valueLine = l > 0 ? Integer.toString(l) : null;
        }
        String path = at.stream()
                .map(x -> x instanceof Integer i ? "[" + i + "]" : "." + x)
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
        String why;
        if (root != null) {
            why = root.getMessage();
        } else if (hasCause(e, NullPointerException.class)) {
            why = "missing or null where a value is required";
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
        String line = valueLine != null ? valueLine : line(e.getLocation());
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            // Jackson reports where it stopped (after the value); name the line of the field itself
            line = fieldLine(bytes, u.getPropertyName(), e.getLocation());
        }
        return source + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + cut(why);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The line of the last {@code "name":} before where Jackson stopped. */
    static String fieldLine(byte[] bytes, String name, JsonLocation stop) {
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

    /**
     * The line of the value at {@code path} (field names and list indexes) in the JSON text: for an object
     * member the line of its name, for a list item the line of the item; -1 when the text has no such value.
     */
    static int lineOf(byte[] bytes, List<Object> path) {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() == null) {
                return -1;
            }
            return find(p, path, 0);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    /** With the parser on the first token of a value: the line of {@code path[depth..]} inside it. */
    private static int find(com.fasterxml.jackson.core.JsonParser p, List<Object> path, int depth)
            throws java.io.IOException {
        if (depth == path.size()) {
            return p.currentTokenLocation().getLineNr();
        }
        Object want = path.get(depth);
        com.fasterxml.jackson.core.JsonToken t = p.currentToken();
        if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && want instanceof String name) {
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                boolean hit = name.equals(p.currentName());
                int nameLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                if (hit) {
                    return depth + 1 == path.size() ? nameLine : find(p, path, depth + 1);
                }
                p.skipChildren();
            }
        } else if (t == com.fasterxml.jackson.core.JsonToken.START_ARRAY && want instanceof Integer index) {
            int i = 0;
            while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY && p.currentToken() != null) {
                if (i++ == index) {
                    return find(p, path, depth + 1);
                }
                p.skipChildren();
            }
        }
        return -1;
    }

    static String simple(Class<?> type) {
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

    static String line(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "1" : Integer.toString(loc.getLineNr());
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return cut(nl < 0 ? s : s.substring(0, nl));
    }

    static String cut(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
