package dev.mapiworkbench.win32;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Windows facts {@link RegistryMapiDllLocator} needs, behind an interface so the lookup order
 * can be tested on any OS. {@link WindowsMailClientRegistry} is the real one.
 */
public interface MailClientRegistry {

    /** The default value of HKLM\Software\Clients\Mail: the default mail client's name. */
    Optional<String> defaultMailClient();

    /**
     * A value under HKLM\Software\Clients\Mail\&lt;client&gt;, as strings (REG_SZ / REG_EXPAND_SZ
     * expanded: one element; REG_MULTI_SZ: its elements).
     */
    Optional<List<String>> value(String client, String name);

    /** mapi32.dll's FGetComponentPath(component, qualifier, ...): the DLL path, or empty when it fails. */
    Optional<Path> componentPath(String componentId, List<String> qualifier);

    /** GetSystemDirectory(). */
    Path systemDirectory();

    boolean isFile(Path path);
}
