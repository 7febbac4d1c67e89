package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.sim.store.InMemoryMailStore;
import dev.mapiworkbench.sim.store.MailStoreFile;
import dev.mapiworkbench.sim.store.StoreFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens a profile's message store: the file {@code <profile>}{@value SimRuntime#STORE_SUFFIX} in the
 * profile folder, or, without a folder (or with {@code sim.store=memory}), an in-memory store that
 * lives as long as the runtime. Used under the runtime lock.
 */
final class SimStores {

    /** Tests wrap the store a logon opens (to count its reads, decision 0410); null: the store as opened. */
    static volatile java.util.function.UnaryOperator<MailStoreFile> wrapForTests;

    private final BackendOptions options;
    private final Map<String, InMemoryMailStore> memoryStores = new HashMap<>();

    SimStores(BackendOptions options) {
        this.options = options;
    }

    /**
     * The store of profile {@code name}.
     *
     * @throws MapiException MAPI_E_LOGON_FAILED naming the file when it cannot be used
     */
    MailStoreFile open(String name) {
        MailStoreFile store = openStore(name);
        java.util.function.UnaryOperator<MailStoreFile> wrap = wrapForTests;
        return wrap == null ? store : wrap.apply(store);
    }

    private MailStoreFile openStore(String name) {
        String display = "Mailbox - " + name;
        Path dir = options.profileDir();
        boolean memory =
                dir == null || "memory".equalsIgnoreCase(options.extra().get("sim.store"));
        if (!memory) {
            Path file = dir.resolve(name + SimRuntime.STORE_SUFFIX);
            try {
                return MailStoreFile.open(file, display);
            } catch (StoreFileException e) {
                MapiException ex = new MapiException(
                        HResult.MAPI_E_LOGON_FAILED,
                        "MAPILogonEx",
                        "the profile's store file cannot be used: " + e.getMessage());
                ex.initCause(e);
                throw ex;
            }
        }
        InMemoryMailStore m = memoryStores.computeIfAbsent(name, n -> new InMemoryMailStore(display));
        m.reopen();
        return m;
    }
}
