package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRecord;
import java.util.List;

/** IMAPIFolder over one folder of the store file. */
final class SimFolder extends SimObject implements MapiFolder {

    private final SimProfile profile;
    final FolderRecord folder;

    SimFolder(SimRuntime rt, SimSession session, FolderRecord folder) {
        super(rt, session, ObjectKind.FOLDER, folder.name());
        this.profile = session.profile;
        this.folder = folder;
    }

    @Override
    public List<PropValue> getProps(int... tags) {
        return call("GetProps", () -> project(profile.folderProps(folder), tags));
    }

    @Override
    public void setProps(List<PropValue> props) {
        run("SetProps", () -> {
            throw error(HResult.MAPI_E_NO_ACCESS, "SetProps", "the simulated folders' properties are read-only");
        });
    }

    @Override
    public void saveChanges(int flags) {
        run("SaveChanges", () -> {
            throw error(HResult.MAPI_E_NO_SUPPORT, "SaveChanges", "folders are not transacted");
        });
    }

    @Override
    public MapiTable getContentsTable(int flags) {
        return call("GetContentsTable", () -> new SimTable(rt, owner(), "contents of " + folder.name(), folder.id()));
    }

    /**
     * Deletes messages of this folder (decision 0121). A message still queued for the spooler
     * (MSGFLAG_SUBMIT) is refused with MAPI_E_BUSY: AbortSubmit it first; nothing is deleted then.
     */
    @Override
    public void deleteMessages(List<EntryId> messages, int flags) {
        run("DeleteMessages", () -> {
            if (messages == null) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "DeleteMessages", "lpMsgList is null");
            }
            List<Long> ids = new java.util.ArrayList<>();
            for (EntryId e : messages) {
                EntryIds.Parsed p = e == null ? null : profile.parseOwn(e);
                if (p == null || p.type() != EntryIds.MESSAGE) {
                    throw error(HResult.MAPI_E_UNKNOWN_ENTRYID, "DeleteMessages", "not a message of this store");
                }
                var r = profile.store
                        .message(p.id())
                        .filter(m -> m.folderId() == folder.id())
                        .orElseThrow(() -> error(
                                HResult.MAPI_E_NOT_FOUND, "DeleteMessages", "no such message in " + folder.name()));
                if ((Spooler.flags(r) & dev.mapiworkbench.mapi.MapiFlags.MSGFLAG_SUBMIT) != 0) {
                    throw error(
                            HResult.MAPI_E_BUSY,
                            "DeleteMessages",
                            "a message is queued for the spooler; AbortSubmit it first");
                }
                ids.add(p.id());
            }
            for (long id : ids) {
                profile.clientWrites++;
                profile.store.deleteMessage(id);
                profile.messageDeleted(id, folder.id());
            }
        });
    }

    @Override
    public MapiMessage createMessage(int flags) {
        return call("CreateMessage", () -> new SimMessage(rt, owner(), folder.id()));
    }
}
