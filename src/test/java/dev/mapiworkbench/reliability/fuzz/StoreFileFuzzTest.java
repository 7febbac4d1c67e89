package dev.mapiworkbench.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mapiworkbench.sim.store.MailStoreFile;
import dev.mapiworkbench.sim.store.StoreFileException;
import dev.mapiworkbench.sim.store.StoreReads;

/**
 * Fuzzes the store file reader ({@link MailStoreFile#open}: header check, read-only validation, the
 * read-write open) with arbitrary file contents: each input is either accepted (the store lists its
 * folders and queue) or refused with a {@link StoreFileException} naming the file; none hangs, none
 * changes the file. {@code mvn verify} runs the seeds in {@code StoreFileFuzzTestInputs/storeFile/}
 * (regression mode); fuzzing: docs/reliability.md.
 */
class StoreFileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void storeFile(byte[] data) throws Exception {
        FileReaderFuzz.check(
                data,
                "Default.mailstore.db",
                file -> {
                    try (MailStoreFile store = MailStoreFile.open(file, "Mailbox - fuzz")) {
                        store.folders();
                        StoreReads.queue(store);
                    }
                },
                StoreFileException.class);
    }
}
