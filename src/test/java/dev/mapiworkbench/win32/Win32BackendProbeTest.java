package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBackend;
import dev.mapiworkbench.mapi.MapiBackend.Availability;
import dev.mapiworkbench.mapi.MapiBackends;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.win32.MapiDllLocator.Location;
import dev.mapiworkbench.win32.MapiDllLocator.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The availability probe never throws and always says why the backend cannot run. */
class Win32BackendProbeTest {

    @TempDir
    Path dir;

    private String savedProperty;

    @BeforeEach
    void clearProperty() {
        savedProperty = System.clearProperty(Win32Backend.LIBRARY_KEY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(Win32Backend.LIBRARY_KEY);
        } else {
            System.setProperty(Win32Backend.LIBRARY_KEY, savedProperty);
        }
    }

    @Test
    void isFoundThroughServiceLoaderWithItsIdNameAndPriority() {
        Optional<MapiBackend> win32 = MapiBackends.byId("win32");
        assertThat(win32).isPresent();
        assertThat(win32.get().displayName()).isEqualTo("Outlook MAPI");
        assertThat(win32.get().priority()).isGreaterThan(0);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void isUnavailableOffWindowsWithAReason() {
        Availability a = new Win32Backend().probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("needs Windows").contains(System.getProperty("os.name"));
        assertThatThrownBy(() -> new Win32Backend().open(new BackendOptions(dir, null, null, java.util.Map.of())))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NO_SUPPORT));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void offWindowsTheBestBackendIsTheSimulatorAndAskingForWin32SaysWhy() {
        assertThat(MapiBackends.all())
                .extracting(MapiBackend::id)
                .startsWith("win32")
                .contains("sim");
        assertThat(MapiBackends.best()).map(MapiBackend::id).contains("sim");
        assertThatThrownBy(() -> dev.mapiworkbench.client.ClientSessions.resolve("win32"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not available")
                .hasMessageContaining("needs Windows");
    }

    @Test
    void theLibraryPropertyMakesItAvailableEvenOffWindows() throws IOException {
        Path lib = Files.write(dir.resolve("libmapi.so"), new byte[] {0x7F, 'E', 'L', 'F'});
        System.setProperty(Win32Backend.LIBRARY_KEY, lib.toString());
        assertThat(new Win32Backend().probe()).isEqualTo(Availability.yes());

        System.setProperty(Win32Backend.LIBRARY_KEY, dir.resolve("missing.so").toString());
        Availability missing = new Win32Backend().probe();
        assertThat(missing.available()).isFalse();
        assertThat(missing.reason()).contains("missing.so").contains("not a file");
    }

    @Test
    void aBitnessMismatchIsReportedNotCrashed() throws IOException {
        Path dll32 = PeMachineTest.fakeDll(dir, "olmapi32.dll", 0x014C);
        Win32Backend on64 = new Win32Backend(
                () -> () -> Optional.of(new Location(dll32, Source.MSI_COMPONENT, "Microsoft Outlook")), true, 64);
        Availability a = on64.probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("32-bit").contains("64-bit").contains("olmapi32.dll");

        Path dll64 = PeMachineTest.fakeDll(dir, "olmapi64.dll", 0x8664);
        Win32Backend matching = new Win32Backend(
                () -> () -> Optional.of(new Location(dll64, Source.MSI_COMPONENT, "Microsoft Outlook")), true, 64);
        assertThat(matching.probe().available()).isTrue();
    }

    @Test
    void noMailClientOrOnlyTheStubIsReported() throws IOException {
        Win32Backend none = new Win32Backend(() -> Optional::empty, true, 64);
        assertThat(none.probe().available()).isFalse();
        assertThat(none.probe().reason()).contains("No MAPI is installed");

        Path stub = PeMachineTest.fakeDll(dir, "mapi32.dll", 0x8664);
        Win32Backend stubOnly =
                new Win32Backend(() -> () -> Optional.of(new Location(stub, Source.SYSTEM_MAPI32, null)), true, 64);
        assertThat(stubOnly.probe().available()).isFalse();
        assertThat(stubOnly.probe().reason()).contains("stub");
    }

    @Test
    void aLocatorThatThrowsGivesAReasonInsteadOfAnException() {
        Win32Backend broken = new Win32Backend(
                () -> () -> {
                    throw new IllegalStateException("registry exploded");
                },
                true,
                64);
        Availability a = broken.probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("registry exploded");
    }
}
