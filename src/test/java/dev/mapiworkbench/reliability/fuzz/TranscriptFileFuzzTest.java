package dev.mapiworkbench.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mapiworkbench.app.scenario.Replays;

/**
 * Fuzzes the transcript reader of {@code --replay} ({@link Replays#read}): every input is a replayable
 * transcript or a {@link Replays.ReplayException} naming the file; no hang, the file unchanged. Seeds: a
 * recorded run and broken ones in {@code TranscriptFileFuzzTestInputs/transcriptFile/}.
 */
class TranscriptFileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void transcriptFile(byte[] data) throws Exception {
        FileReaderFuzz.check(data, "run.transcript.json", Replays::read, Replays.ReplayException.class);
    }
}
