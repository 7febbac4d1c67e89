package dev.mapiworkbench.win32;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBackend;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * "Outlook MAPI": the real Extended MAPI of the default mail client, through JNA. Available only on
 * Windows with a MAPI DLL of the JVM's bitness, or wherever {@value #LIBRARY_KEY} names a MAPI
 * library explicitly (the Linux contract tests point it at the native test double).
 *
 * <p>Options, as a {@link BackendOptions#extra()} key or a system property of the same name:
 * {@value #LIBRARY_KEY} = path of the library exporting the MAPI32 functions (overrides the
 * registry lookup); {@value #OLE32_KEY} = path of the library exporting OleInitialize /
 * OleUninitialize (default: ole32, or the {@value #LIBRARY_KEY} library when that is set).
 */
public final class Win32Backend implements MapiBackend {

    public static final String ID = "win32";
    public static final String DISPLAY_NAME = "Outlook MAPI";
    /** Above the simulator's 0: a machine with Outlook uses it unless the user chooses otherwise. */
    public static final int PRIORITY = 100;

    public static final String LIBRARY_KEY = "win32.library";
    public static final String OLE32_KEY = "win32.ole32";

    private final Supplier<MapiDllLocator> locator;
    private final boolean windows;
    private final int jvmBits;

    /** The ServiceLoader constructor: the real OS, the registry, the running JVM. */
    public Win32Backend() {
        this(() -> new RegistryMapiDllLocator(new WindowsMailClientRegistry()), Platform.isWindows(), jvmBits());
    }

    /** For tests: a given locator, OS and JVM bitness. */
    public Win32Backend(Supplier<MapiDllLocator> locator, boolean windows, int jvmBits) {
        this.locator = locator;
        this.windows = windows;
        this.jvmBits = jvmBits;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability probe() {
        try {
            String override = option(Map.of(), LIBRARY_KEY);
            if (override != null) {
                Path lib = Path.of(override);
                if (!Files.isRegularFile(lib)) {
                    return Availability.no(LIBRARY_KEY + " names " + lib + ", which is not a file.");
                }
                return PeMachine.looksLikePe(lib) ? checkBitness(lib) : Availability.yes();
            }
            if (!windows) {
                return Availability.no("Outlook MAPI needs Windows; this is " + System.getProperty("os.name")
                        + ". Using the simulator.");
            }
            Optional<MapiDllLocator.Location> found = locator.get().locate();
            if (found.isEmpty()) {
                return Availability.no("No MAPI is installed: there is no default mail client under "
                        + "HKLM\\Software\\Clients\\Mail and no mapi32.dll. Install Outlook or use the simulator.");
            }
            MapiDllLocator.Location loc = found.get();
            if (loc.source() == MapiDllLocator.Source.SYSTEM_MAPI32 && loc.mailClient() == null) {
                return Availability.no("Only the system MAPI stub (" + loc.path() + ") is present and no default "
                        + "mail client is registered; Outlook MAPI needs Outlook. Using the simulator.");
            }
            return checkBitness(loc.path());
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("Could not check for Outlook MAPI (" + e + "). Using the simulator.");
        }
    }

    private Availability checkBitness(Path dll) {
        try {
            PeMachine machine = PeMachine.read(dll);
            if (machine == PeMachine.UNKNOWN) {
                return Availability.no(dll + " has an unknown machine type; cannot tell whether it matches this "
                        + jvmBits + "-bit Java.");
            }
            if (machine.bits() != jvmBits) {
                return Availability.no("The MAPI DLL " + dll + " is " + machine.bits() + "-bit but this Java is "
                        + jvmBits + "-bit: MAPI loads only into a process of its own bitness. Run a "
                        + machine.bits() + "-bit Java to use Outlook MAPI. Using the simulator.");
            }
            return Availability.yes();
        } catch (IOException e) {
            return Availability.no("Cannot read the MAPI DLL " + dll + ": " + e.getMessage());
        }
    }

    @Override
    public MapiRuntime open(BackendOptions options) {
        Map<String, String> extra = options == null ? Map.of() : options.extra();
        String libraryPath = option(extra, LIBRARY_KEY);
        String library;
        if (libraryPath != null) {
            library = libraryPath;
        } else if (windows) {
            library = locator.get()
                    .locate()
                    .map(l -> l.path().toString())
                    .orElseThrow(() ->
                            new MapiException(HResult.MAPI_E_NOT_INITIALIZED, "LoadLibrary", "no MAPI DLL found"));
        } else {
            throw new MapiException(
                    HResult.MAPI_E_NO_SUPPORT,
                    "LoadLibrary",
                    "Outlook MAPI needs Windows; set " + LIBRARY_KEY + " to load a MAPI library explicitly");
        }
        String oleOption = option(extra, OLE32_KEY);
        String oleLibrary = oleOption != null ? oleOption : libraryPath != null ? libraryPath : "ole32";
        try {
            MapiLibrary mapi = Native.load(library, MapiLibrary.class, libraryOptions(true));
            Ole32Library ole = Native.load(oleLibrary, Ole32Library.class, libraryOptions(false));
            return new Win32Runtime(mapi, ole, library);
        } catch (UnsatisfiedLinkError e) {
            throw new MapiException(HResult.MAPI_E_CALL_FAILED, "LoadLibrary", library + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> libraryOptions(boolean mapi) {
        Map<String, Object> opts = new HashMap<>();
        if (mapi) {
            opts.put(Library.OPTION_FUNCTION_MAPPER, new MapiFunctionMapper(Native.POINTER_SIZE));
        }
        opts.put(Library.OPTION_CALLING_CONVENTION, Com.CALL_CONVENTION);
        return opts;
    }

    private static String option(Map<String, String> extra, String key) {
        String v = extra.get(key);
        if (v == null || v.isBlank()) {
            v = System.getProperty(key);
        }
        return v == null || v.isBlank() ? null : v;
    }

    private static int jvmBits() {
        String model = System.getProperty("sun.arch.data.model");
        if (model != null && model.matches("\\d+")) {
            return Integer.parseInt(model);
        }
        return Native.POINTER_SIZE * 8;
    }
}
