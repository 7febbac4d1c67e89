package dev.mapiworkbench.teardown;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes transcripts as JSON ({@value Transcript#SCHEMA}), pretty-printed, UTF-8. */
public final class TranscriptJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TranscriptJson() {}

    public static String toJson(Transcript transcript) {
        try {
            return MAPPER.writeValueAsString(transcript);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the transcript", e);
        }
    }

    public static void write(Transcript transcript, Writer out) throws IOException {
        out.write(toJson(transcript));
        out.write(System.lineSeparator());
        out.flush();
    }

    /** Writes the JSON form to {@code file}, atomically ({@link TranscriptFiles}). */
    public static void write(Transcript transcript, Path file) throws IOException {
        TranscriptFiles.write(transcript, file, TranscriptFiles.Format.JSON);
    }

    /**
     * Parses a transcript; unknown (newer) fields are ignored.
     *
     * @throws IllegalArgumentException when the text is not a {@value Transcript#SCHEMA} document
     */
    public static Transcript fromJson(String json) {
        try {
            Transcript t = MAPPER.readValue(json, Transcript.class);
            if (!Transcript.SCHEMA.equals(t.schema())) {
                throw new IllegalArgumentException("not a " + Transcript.SCHEMA + " document: schema " + t.schema());
            }
            return t;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a transcript: " + e.getOriginalMessage(), e);
        }
    }

    public static Transcript read(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
