package dev.mapiworkbench.mapi;

import java.util.List;

/** IMessage. */
public interface MapiMessage extends MapiProp {

    /** ModifyRecipients(MODRECIP_ADD, ...) with SMTP addresses (display name = address). */
    void modifyRecipients(int flags, List<String> addresses);

    /** SubmitMessage: sets MSGFLAG_SUBMIT and hands the message to the spooler. */
    void submitMessage(int flags);
}
