package dev.mapiworkbench.mapi;

/**
 * PR_RECIPIENT_TYPE values (MAPIDefS.h: {@code MAPI_TO 1}, {@code MAPI_CC 2}, {@code MAPI_BCC 3};
 * pidtagrecipienttype-canonical-property.md; the win32 backend's MAPI_TO, decision 0054).
 */
public final class RecipientType {

    private RecipientType() {}

    public static final int MAPI_TO = 1;
    public static final int MAPI_CC = 2;
    public static final int MAPI_BCC = 3;

    /** "To", "Cc", "Bcc" or the number. */
    public static String name(int type) {
        return switch (type) {
            case MAPI_TO -> "To";
            case MAPI_CC -> "Cc";
            case MAPI_BCC -> "Bcc";
            default -> Integer.toString(type);
        };
    }
}
