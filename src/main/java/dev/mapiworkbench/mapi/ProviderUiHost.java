package dev.mapiworkbench.mapi;

import java.util.List;

/**
 * Capability: the simulated providers' user interface. Providers ask only during a Logoff that
 * carries MAPI_LOGOFF_UI; without it they take their no-UI path and never call the host.
 */
public interface ProviderUiHost {

    void setProviderUi(ProviderUi ui);

    /** Implemented by the application (a dialog) or the headless runner (the default answer). */
    @FunctionalInterface
    interface ProviderUi {
        /**
         * Called on a MAPI thread; blocks until answered. Returns one of {@code request.choices()}, or null when
         * nobody answered (the dialog closed by Esc, no recorded answer): the question's default is taken and
         * recorded as defaulted.
         */
        String ask(Request request);
    }

    record Request(String provider, String question, List<String> choices, String defaultChoice) {}
}
