package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.ProviderUiHost;

/** The simulator's {@link ProviderUiHost}: who answers provider questions during Logoff(MAPI_LOGOFF_UI). */
final class SimProviderUiHost implements ProviderUiHost {

    private volatile ProviderUi ui;

    @Override
    public void setProviderUi(ProviderUi ui) {
        this.ui = ui;
    }

    /** The current answerer, or null (each question gets its default answer). */
    ProviderUi ui() {
        return ui;
    }
}
