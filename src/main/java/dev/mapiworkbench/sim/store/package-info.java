/**
 * The simulated message store provider's file: {@link dev.mapiworkbench.sim.store.MailStoreFile}
 * (the contract) implemented on SQLite, one file per profile (decision 0020).
 *
 * <p>Usage from the simulator: {@code MailStoreFile.open(profileDir.resolve("store.mwstore"),
 * "Mailbox - demo")}; recipients go in the property map under
 * {@link dev.mapiworkbench.sim.store.StoreProps#RECIPIENTS} as a {@code List<String>}; a value of the
 * wrong Java type for its tag, or an unknown message or folder id, is a
 * {@link dev.mapiworkbench.mapi.MapiException} ({@code MAPI_E_INVALID_PARAMETER},
 * {@code MAPI_E_NOT_FOUND}); a file that cannot be used, an I/O failure or a call after
 * {@code close()} is a {@link dev.mapiworkbench.sim.store.StoreFileException} naming the file.
 * Every mutating call is one durable transaction ({@code synchronous=FULL}): budget one disk sync
 * per call (docs/perf-notes/store.md).
 */
package dev.mapiworkbench.sim.store;
