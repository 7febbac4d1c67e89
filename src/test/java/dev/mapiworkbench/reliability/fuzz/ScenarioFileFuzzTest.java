package dev.mapiworkbench.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mapiworkbench.app.scenario.ScenarioReader;

/**
 * Fuzzes the scenario file reader ({@link ScenarioReader#read}): every input is a scenario or a
 * {@link ScenarioReader.ScenarioException} naming the file; no hang, the file unchanged. Seeds:
 * three built-in scenarios and broken ones in {@code ScenarioFileFuzzTestInputs/scenarioFile/}.
 */
class ScenarioFileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void scenarioFile(byte[] data) throws Exception {
        FileReaderFuzz.check(data, "run.scenario.json", ScenarioReader::read, ScenarioReader.ScenarioException.class);
    }
}
