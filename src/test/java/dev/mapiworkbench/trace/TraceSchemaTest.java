package dev.mapiworkbench.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The published JSON Schema agrees with the reader: the examples' lines pass, malformed ones fail. */
class TraceSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in =
                TraceSchemaTest.class.getResourceAsStream("/dev/mapiworkbench/trace/trace-v1.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
        }
    }

    private static boolean valid(String line) throws IOException {
        return schema.validate(JSON.readTree(line)).isEmpty();
    }

    @Test
    void everyLineOfTheExamplesIsValid() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("docs/examples"))) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path f : files) {
            TraceReader.read(f); // the reader accepts it
            for (String line : Files.readAllLines(f)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("//")) {
                    assertThat(valid(t)).as(f + ": " + t).isTrue();
                }
            }
        }
    }

    @Test
    void malformedLinesAreRejected() throws IOException {
        assertThat(valid("{\"hr\": \"S_OK\"}")).isFalse();
        assertThat(valid("{\"api\": \"IMsgStore::Release\"}")).isFalse();
        assertThat(valid("{\"api\": \"IMsgStore::Release\", \"this\": \"store\"}"))
                .isFalse();
        assertThat(valid("{\"api\": \"MAPILogonEx\", \"out\": {\"lppSession\": \"session\"}}"))
                .isFalse();
        assertThat(valid("{\"api\": \"MAPIFreeBuffer\", \"args\": {\"lpBuffer\": \"buf:x\"}}"))
                .isFalse();
        assertThat(valid("{\"api\": \"MAPILogonEx\", \"ret\": -1}")).isFalse();
        assertThat(valid("{\"schema\": \"mapi-workbench/trace/v2\"}")).isFalse();
        assertThat(valid("{\"api\": \"MAPILogonEx\", \"hr\": \"0x8004010F\", \"futureField\": 1}"))
                .isTrue();
    }
}
