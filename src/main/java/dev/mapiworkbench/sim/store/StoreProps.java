package dev.mapiworkbench.sim.store;

/**
 * Keys of a {@link MailStoreFile} property map that are not plain MAPI property values.
 *
 * <p>{@link #RECIPIENTS}: {@code PR_MESSAGE_RECIPIENTS} = {@code PROP_TAG(PT_OBJECT, 0x0E12)}
 * (pidtagmessagerecipients-canonical-property.md: "Identifier 0x0E12, Data type PT_OBJECT", the
 * recipient table). In a map given to {@code createMessage}, {@code updateMessage} or
 * {@code moveMessage} its value is the message's recipients as an ordered {@code List<String>} of
 * SMTP addresses (replacing the previous list; {@code null} clears it). It is never part of
 * {@link MailStoreFile.MessageRecord#props()}: read {@link MailStoreFile.MessageRecord#recipients()}.
 */
public final class StoreProps {

    private StoreProps() {}

    /** {@code PR_MESSAGE_RECIPIENTS} (0x0E12000D): the recipients, as a {@code List<String>}. */
    public static final int RECIPIENTS = 0x0E12000D;
}
