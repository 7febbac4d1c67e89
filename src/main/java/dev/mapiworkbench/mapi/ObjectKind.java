package dev.mapiworkbench.mapi;

/** The kinds of MAPI object the workbench tracks, with the interface name used in call traces. */
public enum ObjectKind {
    SESSION("IMAPISession"),
    MSG_STORE("IMsgStore"),
    FOLDER("IMAPIFolder"),
    MESSAGE("IMessage"),
    TABLE("IMAPITable"),
    STATUS("IMAPIStatus"),
    ADDR_BOOK("IAddrBook"),
    ADVISE_SINK("IMAPIAdviseSink"),
    /** IMAPIClientShutdown, from QueryInterface on a session (MAPIDefS.h:2807-2825). */
    CLIENT_SHUTDOWN("IMAPIClientShutdown");

    private final String interfaceName;

    ObjectKind(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    public String interfaceName() {
        return interfaceName;
    }
}
