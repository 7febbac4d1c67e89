package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags File › Log on with flags… passes (decision 0340): {@code init} is MAPIInitialize's
 * MAPIINIT_0.ulFlags, {@code logon} MAPILogonEx's flFlags, both exactly as typed (unknown bits included;
 * names and values: mapi-reference.md §2.1, {@link FlagSet#INIT}, {@link FlagSet#LOGON}).
 */
public record LogonFlags(int init, int logon) {

    /**
     * The two calls as they were made, one line each, with what each returned: both S_OK after a
     * successful logon; after a failure the failing call with its HRESULT (name and value) and nothing
     * after it (a MAPILogonEx that was never made is not listed).
     *
     * @param error what the logon threw, or null when it succeeded
     */
    public List<String> calls(Throwable error) {
        List<String> out = new ArrayList<>();
        String initLine =
                "MAPIInitialize(&MAPIINIT_0{ulVersion=MAPI_INIT_VERSION, ulFlags=" + FlagSet.INIT.format(init) + "})";
        String logonLine = "MAPILogonEx(flFlags=" + FlagSet.LOGON.format(logon) + ")";
        if (error == null) {
            out.add(initLine + " -> S_OK");
            out.add(logonLine + " -> S_OK");
            return out;
        }
        if (!(error instanceof MapiException m) || m.api() == null) {
            out.add("the logon failed before MAPI said which call: " + error.getMessage());
            return out;
        }
        String failed = m.api() + " -> " + result(m.hresult());
        switch (m.api()) {
            case "OleInitialize" -> out.add(failed); // neither MAPI call was made
            case "MAPIInitialize" -> out.add(initLine + " -> " + result(m.hresult()));
            case "ScInitMapiUtil" -> {
                out.add(initLine + " -> S_OK");
                out.add(failed);
            }
            case "MAPILogonEx" -> {
                out.add(initLine + " -> S_OK");
                out.add(logonLine + " -> " + result(m.hresult()));
            }
            default -> {
                out.add(initLine + " -> S_OK");
                out.add(logonLine + " -> S_OK");
                out.add("then " + failed);
            }
        }
        return out;
    }

    private static String result(HResult hr) {
        return hr == null ? "failed" : hr.name() + " (" + HResult.hex(hr.value()) + ")";
    }
}
