package dev.mapiworkbench.win32;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the DLL that implements Extended MAPI. On Windows {@link RegistryMapiDllLocator} follows
 * Microsoft's documented order; tests substitute their own (or point the backend at the native test
 * double with {@code win32.library}).
 */
@FunctionalInterface
public interface MapiDllLocator {

    Optional<Location> locate();

    /** How the DLL was found. */
    enum Source {
        /** FGetComponentPath with the mail client's MSIComponentID and an LCID qualifier. */
        MSI_COMPONENT,
        /** The mail client's DLLPathEx value. */
        DLL_PATH_EX,
        /** The system mapi32.dll (a stub that forwards to the default mail client). */
        SYSTEM_MAPI32
    }

    /** A located MAPI DLL; {@code mailClient} is the default mail client's name, null if none is registered. */
    record Location(Path path, Source source, String mailClient) {}
}
