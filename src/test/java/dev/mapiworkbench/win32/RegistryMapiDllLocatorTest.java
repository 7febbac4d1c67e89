package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.win32.MapiDllLocator.Location;
import dev.mapiworkbench.win32.MapiDllLocator.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Microsoft's lookup order, against a fake registry. */
class RegistryMapiDllLocatorTest {

    static final class FakeRegistry implements MailClientRegistry {
        String client;
        final Map<String, List<String>> values = new HashMap<>();
        final Map<String, Path> components = new HashMap<>();
        final Set<Path> files = new HashSet<>();
        final List<String> componentQueries = new ArrayList<>();

        @Override
        public Optional<String> defaultMailClient() {
            return Optional.ofNullable(client);
        }

        @Override
        public Optional<List<String>> value(String c, String name) {
            return Optional.ofNullable(values.get(c + "\\" + name));
        }

        @Override
        public Optional<Path> componentPath(String componentId, List<String> qualifier) {
            componentQueries.add(componentId + " " + qualifier);
            return Optional.ofNullable(components.get(componentId + " " + qualifier));
        }

        @Override
        public Path systemDirectory() {
            return Path.of("C:", "Windows", "System32");
        }

        @Override
        public boolean isFile(Path path) {
            return files.contains(path);
        }
    }

    private static final String OUTLOOK = "Microsoft Outlook";
    private static final String COMPONENT = "{5812C571-53F0-4467-BEFA-0A4F47A9437C}";
    private static final List<String> APP_LCID =
            List.of("Software\\Microsoft\\Office\\16.0\\Outlook", "LastUILanguage");
    private static final List<String> OFFICE_LCID =
            List.of("Software\\Microsoft\\Office\\16.0\\Common\\LanguageResources", "UILanguage");
    private static final Path OLMAPI =
            Path.of("C:", "Program Files", "Microsoft Office", "root", "Office16", "OLMAPI32.DLL");

    private FakeRegistry outlook() {
        FakeRegistry r = new FakeRegistry();
        r.client = OUTLOOK;
        r.values.put(OUTLOOK + "\\MSIComponentID", List.of(COMPONENT));
        r.values.put(OUTLOOK + "\\MSIApplicationLCID", APP_LCID);
        r.values.put(OUTLOOK + "\\MSIOfficeLCID", OFFICE_LCID);
        return r;
    }

    @Test
    void msiComponentWithTheApplicationLcidComesFirst() {
        FakeRegistry r = outlook();
        r.components.put(COMPONENT + " " + APP_LCID, OLMAPI);
        r.files.add(OLMAPI);
        assertThat(new RegistryMapiDllLocator(r).locate())
                .contains(new Location(OLMAPI, Source.MSI_COMPONENT, OUTLOOK));
        assertThat(r.componentQueries).hasSize(1);
    }

    @Test
    void theOfficeLcidIsTriedWhenTheApplicationLcidFails() {
        FakeRegistry r = outlook();
        r.components.put(COMPONENT + " " + OFFICE_LCID, OLMAPI);
        r.files.add(OLMAPI);
        assertThat(new RegistryMapiDllLocator(r).locate())
                .contains(new Location(OLMAPI, Source.MSI_COMPONENT, OUTLOOK));
        assertThat(r.componentQueries).containsExactly(COMPONENT + " " + APP_LCID, COMPONENT + " " + OFFICE_LCID);
    }

    @Test
    void dllPathExIsTheFallbackThenTheSystemMapi32() {
        FakeRegistry r = outlook();
        Path ex = Path.of("C:", "mapi", "olmapi32.dll");
        r.values.put(OUTLOOK + "\\DLLPathEx", List.of(ex.toString()));
        r.files.add(ex);
        assertThat(new RegistryMapiDllLocator(r).locate()).contains(new Location(ex, Source.DLL_PATH_EX, OUTLOOK));

        r.files.remove(ex);
        Path system = r.systemDirectory().resolve("mapi32.dll");
        r.files.add(system);
        assertThat(new RegistryMapiDllLocator(r).locate())
                .contains(new Location(system, Source.SYSTEM_MAPI32, OUTLOOK));
    }

    @Test
    void nothingRegisteredAndNoMapi32MeansNoMapi() {
        FakeRegistry r = new FakeRegistry();
        assertThat(new RegistryMapiDllLocator(r).locate()).isEmpty();
    }
}
