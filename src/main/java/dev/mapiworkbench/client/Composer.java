package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Compose and send: CreateMessage in the Outbox, SetProps, ModifyRecipients(MODRECIP_ADD),
 * SaveChanges(KEEP_OPEN_READWRITE), GetProps(PR_ENTRYID) and, to send, SubmitMessage. The message is
 * in the ledger while open and released in {@code finally}; a failed or draft message is submitted again
 * with {@link #resubmit}. Stateless but for its collaborators.
 */
final class Composer {

    /** IMAPIProp::SaveChanges KEEP_OPEN_READWRITE (MAPIDefS.h). */
    static final int KEEP_OPEN_READWRITE = 0x00000002;

    private final Ledger ledger;
    private final OutboxModel outbox;
    private final Runnable afterChange;

    /** {@code afterChange} runs after each message (the session announces the change and refreshes). */
    Composer(Ledger ledger, OutboxModel outbox, Runnable afterChange) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.afterChange = afterChange;
    }

    /** Creates the message in the logon's Outbox ({@code h.outbox()}, not null). */
    OutboxItem create(SessionHandles h, Draft draft, boolean submit) {
        MapiMessage msg = h.outbox().createMessage(0);
        Ledger.ObjectRecord rec = ledger.opened(msg, Ledger.Role.MESSAGE);
        try {
            List<PropValue> props = new ArrayList<>();
            props.add(PropValue.of(PropTag.PR_SUBJECT_W, draft.subject()));
            props.add(PropValue.of(PropTag.PR_BODY_W, draft.body()));
            props.add(PropValue.of(PropTag.PR_MESSAGE_CLASS_W, "IPM.Note"));
            if (h.sentItemsId() != null) {
                props.add(PropValue.of(
                        PropTag.PR_SENTMAIL_ENTRYID, h.sentItemsId().bytes()));
            }
            msg.setProps(props);
            msg.modifyRecipients(MapiFlags.MODRECIP_ADD, draft.recipients());
            msg.saveChanges(KEEP_OPEN_READWRITE);
            String id = msg.getProp(PropTag.PR_ENTRYID).asEntryId().toHex();
            OutboxItem item = outbox.composed(id, draft.subject(), draft.recipients());
            if (submit) {
                msg.submitMessage(0);
                outbox.submitted(id);
            }
            afterChange.run();
            return outbox.get(id, item);
        } finally {
            msg.release();
            ledger.released(rec.id());
        }
    }

    /**
     * IMsgStore::OpenEntry(entry id, MAPI_MODIFY), IMessage::SubmitMessage(0), Release (also on failure);
     * MAPI_E_INVALID_PARAMETER when the entry is not a message.
     */
    void resubmit(MsgStore ms, String entryIdHex) {
        MapiUnknown opened = ms.openEntry(EntryId.fromHex(entryIdHex), MapiFlags.MAPI_MODIFY);
        Ledger.ObjectRecord rec = ledger.opened(opened, Ledger.Role.MESSAGE);
        try {
            if (!(opened instanceof MapiMessage msg)) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_PARAMETER,
                        "IMessage::SubmitMessage",
                        "entry " + entryIdHex + " is not a message");
            }
            msg.submitMessage(0);
        } finally {
            opened.release();
            ledger.released(rec.id());
        }
    }
}
