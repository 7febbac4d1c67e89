package dev.mapiworkbench.sim;

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

    @Override
    public MapiMessage createMessage(int flags) {
        return call("CreateMessage", () -> new SimMessage(rt, owner(), folder.id()));
    }
}
