package dev.mapiworkbench.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mapiworkbench.trace.TraceFormatException;
import dev.mapiworkbench.trace.TraceReader;

/**
 * Fuzzes the trace reader ({@link TraceReader#read}, what {@code lint} and the window read): every
 * input is a trace or a {@link TraceFormatException} naming the file; no hang, the file unchanged.
 * Seeds: the seed-8-steps and pywin32 example traces and broken ones in
 * {@code TraceFileFuzzTestInputs/traceFile/}.
 */
class TraceFileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void traceFile(byte[] data) throws Exception {
        FileReaderFuzz.check(data, "client.trace.jsonl", TraceReader::read, TraceFormatException.class);
    }
}
