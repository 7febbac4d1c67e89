package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.RecipientType;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import dev.mapiworkbench.sim.store.StoreProps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IMessage. Edits (SetProps, ModifyRecipients) stay in the object until SaveChanges or
 * SubmitMessage writes them to the store file in one transaction. After SubmitMessage the object
 * is read-only: writes fail MAPI_E_NO_ACCESS (the message belongs to the spooler now).
 */
final class SimMessage extends SimObject implements MapiMessage {

    /** Computed by the store: SetProps on them fails MAPI_E_NO_ACCESS. */
    private static final Set<Integer> READ_ONLY = Set.of(
            PropTag.PR_ENTRYID,
            PropTag.PR_PARENT_ENTRYID,
            PropTag.PR_STORE_ENTRYID,
            PropTag.PR_OBJECT_TYPE,
            PropTag.PR_INSTANCE_KEY,
            PropTag.PR_RECORD_KEY,
            PropTag.PR_DISPLAY_TO_W,
            PropTag.PR_SUBMIT_FLAGS,
            PropTag.PR_CLIENT_SUBMIT_TIME);

    private final SimProfile profile;
    private long id = -1;
    private long folderId;
    private final Map<Integer, Object> changes = new HashMap<>();
    private List<String> recipients;
    private boolean submitted;

    /** A new, unsaved message in {@code folderId}. */
    SimMessage(SimRuntime rt, SimSession session, long folderId) {
        super(rt, session, ObjectKind.MESSAGE, "new message");
        this.profile = session.profile;
        this.folderId = folderId;
    }

    /** An existing message. */
    SimMessage(SimRuntime rt, SimSession session, MessageRecord r) {
        super(rt, session, ObjectKind.MESSAGE, "message '" + r.props().getOrDefault(PropTag.PR_SUBJECT_W, "") + "'");
        this.profile = session.profile;
        this.id = r.id();
        this.folderId = r.folderId();
    }

    private Map<Integer, Object> current(String method) {
        Map<Integer, Object> m;
        if (id >= 0) {
            Optional<MessageRecord> r = profile.store.message(id);
            if (r.isEmpty()) {
                throw error(HResult.MAPI_E_OBJECT_DELETED, method, "the message was deleted");
            }
            folderId = r.get().folderId();
            m = profile.messageProps(r.get());
        } else {
            m = new HashMap<>();
            m.put(PropTag.PR_MESSAGE_CLASS_W, "IPM.Note");
            m.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_UNSENT);
            m.put(PropTag.PR_OBJECT_TYPE, MapiFlags.MAPI_MESSAGE);
            m.put(PropTag.PR_PARENT_ENTRYID, profile.folderEntryId(folderId).bytes());
            m.put(PropTag.PR_STORE_ENTRYID, profile.storeEntryId.bytes());
            m.put(PropTag.PR_DISPLAY_TO_W, "");
        }
        m.putAll(changes);
        if (recipients != null) {
            putDisplay(m, recipients);
        }
        return m;
    }

    @Override
    public List<PropValue> getProps(int... tags) {
        return call("GetProps", () -> project(current("GetProps"), tags));
    }

    @Override
    public void setProps(List<PropValue> props) {
        run("SetProps", () -> {
            requireWritable("SetProps");
            if (props == null) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "SetProps", "lpPropArray is null");
            }
            for (PropValue v : props) {
                if (v == null) {
                    throw error(HResult.MAPI_E_INVALID_PARAMETER, "SetProps", "lpPropArray holds a null value");
                }
                if (READ_ONLY.contains(v.tag())) {
                    throw error(
                            HResult.MAPI_E_NO_ACCESS, "SetProps", PropTag.name(v.tag()) + " is computed by the store");
                }
                if (!typeFits(v.tag(), v.value())) {
                    throw error(
                            HResult.MAPI_E_INVALID_PARAMETER,
                            "SetProps",
                            PropTag.name(v.tag()) + ": a "
                                    + v.value().getClass().getSimpleName() + " does not fit its property type");
                }
            }
            for (PropValue v : props) {
                Object value = v.value();
                if (v.tag() == PropTag.PR_MESSAGE_FLAGS) {
                    int old = (Integer) current("SetProps").getOrDefault(PropTag.PR_MESSAGE_FLAGS, 0);
                    value = ((Integer) value & ~MapiFlags.MSGFLAG_SUBMIT) | (old & MapiFlags.MSGFLAG_SUBMIT);
                }
                changes.put(v.tag(), value);
            }
        });
    }

    /** PR_DISPLAY_TO, PR_DISPLAY_CC and PR_DISPLAY_BCC from the stored (typed) recipients. */
    static void putDisplay(Map<Integer, Object> m, List<String> stored) {
        m.put(PropTag.PR_DISPLAY_TO_W, Recipients.display(stored, RecipientType.MAPI_TO));
        m.put(PropTag.PR_DISPLAY_CC_W, Recipients.display(stored, RecipientType.MAPI_CC));
        m.put(PropTag.PR_DISPLAY_BCC_W, Recipients.display(stored, RecipientType.MAPI_BCC));
    }

    @Override
    public void modifyRecipients(int flags, List<String> addresses) {
        modifyRecipients(flags, addresses, RecipientType.MAPI_TO);
    }

    @Override
    public void modifyRecipients(int flags, List<String> addresses, int recipientType) {
        run("ModifyRecipients", () -> {
            requireWritable("ModifyRecipients");
            if (addresses == null) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "ModifyRecipients", "lpMods is null");
            }
            for (String a : addresses) {
                if (a == null
                        || a.isBlank()
                        || a.indexOf('@') < 1
                        || a.indexOf('@') == a.length() - 1
                        || Recipients.looksEncoded(a)) {
                    throw error(
                            HResult.MAPI_E_INVALID_PARAMETER, "ModifyRecipients", "not an SMTP address: '" + a + "'");
                }
            }
            if (recipientType != RecipientType.MAPI_TO
                    && recipientType != RecipientType.MAPI_CC
                    && recipientType != RecipientType.MAPI_BCC) {
                throw error(
                        HResult.MAPI_E_INVALID_PARAMETER,
                        "ModifyRecipients",
                        "PR_RECIPIENT_TYPE " + recipientType + " is not MAPI_TO, MAPI_CC or MAPI_BCC");
            }
            List<String> typed = addresses.stream()
                    .map(a -> Recipients.encode(recipientType, a))
                    .toList();
            List<String> now = new ArrayList<>(
                    recipients != null
                            ? recipients
                            : id >= 0
                                    ? profile.store
                                            .message(id)
                                            .map(MessageRecord::recipients)
                                            .orElse(List.of())
                                    : List.of());
            switch (flags) {
                case 0 -> {
                    now.clear();
                    now.addAll(typed);
                }
                case MapiFlags.MODRECIP_ADD -> now.addAll(typed);
                case MapiFlags.MODRECIP_MODIFY -> {
                    now.clear();
                    now.addAll(typed);
                }
                case MapiFlags.MODRECIP_REMOVE ->
                    now.removeIf(r -> addresses.stream().anyMatch(Recipients.address(r)::equalsIgnoreCase));
                default -> throw error(HResult.MAPI_E_UNKNOWN_FLAGS, "ModifyRecipients", HResult.hex(flags));
            }
            recipients = now;
        });
    }

    @Override
    public void saveChanges(int flags) {
        run("SaveChanges", () -> {
            requireWritable("SaveChanges");
            persist(new HashMap<>(), folderId);
        });
    }

    @Override
    public void submitMessage(int flags) {
        run("SubmitMessage", () -> {
            requireWritable("SubmitMessage");
            List<String> to = recipients != null
                    ? recipients
                    : id >= 0
                            ? profile.store
                                    .message(id)
                                    .map(MessageRecord::recipients)
                                    .orElse(List.of())
                            : List.of();
            if (to.isEmpty()) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "SubmitMessage", "the message has no recipients");
            }
            int old = (Integer) current("SubmitMessage").getOrDefault(PropTag.PR_MESSAGE_FLAGS, 0);
            Map<Integer, Object> extra = new HashMap<>();
            extra.put(PropTag.PR_MESSAGE_FLAGS, old | MapiFlags.MSGFLAG_SUBMIT | MapiFlags.MSGFLAG_UNSENT);
            extra.put(PropTag.PR_SUBMIT_FLAGS, 0);
            extra.put(PropTag.PR_CLIENT_SUBMIT_TIME, Instant.now());
            Spooler.clearFailure(extra);
            persist(extra, profile.outboxId);
            submitted = true;
            profile.spooler.queueChanged();
        });
    }

    /** One store transaction: create, update, or move into {@code targetFolder} (lock held). */
    private void persist(Map<Integer, Object> extra, long targetFolder) {
        Map<Integer, Object> props = new HashMap<>(changes);
        props.putAll(extra);
        if (recipients != null) {
            props.put(StoreProps.RECIPIENTS, List.copyOf(recipients));
        }
        MessageRecord saved;
        profile.clientWrites++;
        if (id < 0) {
            props.putIfAbsent(PropTag.PR_MESSAGE_CLASS_W, "IPM.Note");
            props.putIfAbsent(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_UNSENT);
            props.values().removeIf(v -> v == null);
            saved = profile.store.createMessage(targetFolder, props);
            id = saved.id();
            folderId = saved.folderId();
            profile.messageCreated(saved);
        } else if (targetFolder != folderId) {
            long from = folderId;
            saved = profile.store.moveMessage(id, targetFolder, props);
            folderId = saved.folderId();
            profile.messageMoved(saved, from);
        } else {
            if (profile.store.message(id).isEmpty()) {
                throw error(HResult.MAPI_E_OBJECT_DELETED, "SaveChanges", "the message was deleted");
            }
            saved = profile.store.updateMessage(id, props);
            profile.messageModified(saved);
        }
        changes.clear();
        recipients = null;
    }

    private void requireWritable(String method) {
        if (submitted) {
            throw error(HResult.MAPI_E_NO_ACCESS, method, "the message was submitted; it belongs to the spooler now");
        }
    }
}
