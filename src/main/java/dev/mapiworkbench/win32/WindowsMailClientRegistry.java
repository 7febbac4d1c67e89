package dev.mapiworkbench.win32;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinReg;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real {@link MailClientRegistry}: HKLM through jna-platform, FGetComponentPath from the system mapi32.dll. Windows only. */
public final class WindowsMailClientRegistry implements MailClientRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(WindowsMailClientRegistry.class);
    private static final String MAIL = "Software\\Clients\\Mail";
    private static final int MAX_PATH = 260;

    /** mapi32.dll's FGetComponentPath (BOOL, ANSI strings; exported undecorated). */
    interface Mapi32Stub extends Library {
        boolean FGetComponentPath(
                String szComponent, Pointer szQualifier, byte[] szDllPath, int cchBufferSize, boolean fInstall);
    }

    @Override
    public Optional<String> defaultMailClient() {
        try {
            if (!Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, MAIL)) {
                return Optional.empty();
            }
            return Optional.ofNullable(Advapi32Util.registryGetStringValue(WinReg.HKEY_LOCAL_MACHINE, MAIL, ""));
        } catch (RuntimeException e) {
            LOG.debug("No default mail client: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<List<String>> value(String client, String name) {
        String key = MAIL + "\\" + client;
        try {
            if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, key, name)) {
                return Optional.empty();
            }
            Object v = Advapi32Util.registryGetValue(WinReg.HKEY_LOCAL_MACHINE, key, name);
            if (v instanceof String s) {
                return Optional.of(List.of(Kernel32Util.expandEnvironmentStrings(s)));
            }
            if (v instanceof String[] a) {
                return Optional.of(List.of(a));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.debug("Cannot read HKLM\\{}\\{}: {}", key, name, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Path> componentPath(String componentId, List<String> qualifier) {
        try {
            Mapi32Stub stub =
                    Native.load(systemDirectory().resolve("mapi32.dll").toString(), Mapi32Stub.class);
            // the qualifier is passed as the registry value's strings, NUL-separated and double-NUL terminated
            Charset ansi = Charset.forName(Native.getDefaultStringEncoding());
            byte[] joined = (String.join("\0", qualifier) + "\0\0").getBytes(ansi);
            Memory q = new Memory(joined.length);
            q.write(0, joined, 0, joined.length);
            byte[] path = new byte[MAX_PATH];
            if (!stub.FGetComponentPath(componentId, q, path, path.length, false)) {
                return Optional.empty();
            }
            int n = 0;
            while (n < path.length && path[n] != 0) {
                n++;
            }
            return n == 0 ? Optional.empty() : Optional.of(Path.of(new String(path, 0, n, ansi)));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.debug("FGetComponentPath({}) failed: {}", componentId, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Path systemDirectory() {
        String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
        return Path.of(root, "System32");
    }

    @Override
    public boolean isFile(Path path) {
        return Files.isRegularFile(path);
    }
}
