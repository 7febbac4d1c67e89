package dev.mapiworkbench.win32;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Microsoft's documented way to find the MAPI implementation ("How to: Choose a specific version of
 * MAPI to load"; MAPIStubLibrary stubutils.cpp): the default mail client under
 * HKLM\Software\Clients\Mail; its MSIComponentID resolved with FGetComponentPath, qualified first
 * by MSIApplicationLCID and then by MSIOfficeLCID; otherwise its DLLPathEx; otherwise the system
 * mapi32.dll.
 */
public final class RegistryMapiDllLocator implements MapiDllLocator {

    private final MailClientRegistry registry;

    public RegistryMapiDllLocator(MailClientRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Location> locate() {
        Optional<String> client = registry.defaultMailClient().filter(s -> !s.isBlank());
        if (client.isPresent()) {
            String c = client.get();
            Optional<String> component = registry.value(c, "MSIComponentID").flatMap(RegistryMapiDllLocator::first);
            if (component.isPresent()) {
                for (String qualifierName : List.of("MSIApplicationLCID", "MSIOfficeLCID")) {
                    Optional<List<String>> qualifier = registry.value(c, qualifierName);
                    if (qualifier.isPresent()) {
                        Optional<Path> path = registry.componentPath(component.get(), qualifier.get())
                                .filter(registry::isFile);
                        if (path.isPresent()) {
                            return Optional.of(new Location(path.get(), Source.MSI_COMPONENT, c));
                        }
                    }
                }
            }
            Optional<Path> dllPathEx = registry.value(c, "DLLPathEx")
                    .flatMap(RegistryMapiDllLocator::first)
                    .map(Path::of)
                    .filter(registry::isFile);
            if (dllPathEx.isPresent()) {
                return Optional.of(new Location(dllPathEx.get(), Source.DLL_PATH_EX, c));
            }
        }
        Path system = registry.systemDirectory().resolve("mapi32.dll");
        return registry.isFile(system)
                ? Optional.of(new Location(system, Source.SYSTEM_MAPI32, client.orElse(null)))
                : Optional.empty();
    }

    private static Optional<String> first(List<String> values) {
        return values.stream().filter(s -> !s.isBlank()).findFirst();
    }
}
