package dev.mapiworkbench.mapi;

import java.util.List;

/** IMessage. */
public interface MapiMessage extends MapiProp {

    /** ModifyRecipients(MODRECIP_ADD, ...) with SMTP addresses (display name = address). */
    void modifyRecipients(int flags, List<String> addresses);

    /**
     * ModifyRecipients with a PR_RECIPIENT_TYPE for every address ({@link RecipientType}). The
     * default supports MAPI_TO only (it is the two-argument form) and fails MAPI_E_NO_SUPPORT else.
     */
    default void modifyRecipients(int flags, List<String> addresses, int recipientType) {
        if (recipientType != RecipientType.MAPI_TO) {
            throw new MapiException(
                    HResult.MAPI_E_NO_SUPPORT,
                    "ModifyRecipients",
                    "this backend takes To recipients only, not " + RecipientType.name(recipientType));
        }
        modifyRecipients(flags, addresses);
    }

    /** SubmitMessage: sets MSGFLAG_SUBMIT and hands the message to the spooler. */
    void submitMessage(int flags);
}
