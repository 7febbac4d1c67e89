package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiStatus;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import java.util.List;

/** IMAPIStatus of one status row (subsystem, spooler or transport). */
final class SimStatus extends SimObject implements MapiStatus {

    private static final int FLUSH_FLAGS = MapiFlags.FLUSH_UPLOAD
            | MapiFlags.FLUSH_DOWNLOAD
            | MapiFlags.FLUSH_FORCE
            | MapiFlags.FLUSH_NO_UI
            | MapiFlags.FLUSH_ASYNC_OK;

    private final SimProfile profile;
    private final long row;

    SimStatus(SimRuntime rt, SimSession session, long row) {
        super(
                rt,
                session,
                ObjectKind.STATUS,
                (String) session.profile.statusRow(row).get(PropTag.PR_DISPLAY_NAME_W) + " status");
        this.profile = session.profile;
        this.row = row;
    }

    @Override
    public List<PropValue> getProps(int... tags) {
        return call("GetProps", () -> project(profile.statusRow(row), tags));
    }

    @Override
    public void setProps(List<PropValue> props) {
        run("SetProps", () -> {
            throw error(HResult.MAPI_E_NO_ACCESS, "SetProps", "status objects are read-only");
        });
    }

    @Override
    public void saveChanges(int flags) {
        run("SaveChanges", () -> {
            throw error(HResult.MAPI_E_NO_SUPPORT, "SaveChanges", "status objects are not transacted");
        });
    }

    @Override
    public void validateState(long uiParam, int flags) {
        run("ValidateState", () -> profile.spooler.publishStatus());
    }

    @Override
    public void flushQueues(long uiParam, EntryId targetTransport, int flags) {
        run("FlushQueues", () -> {
            int methods = (Integer) profile.statusRow(row).get(PropTag.PR_RESOURCE_METHODS);
            if ((methods & MapiFlags.STATUS_FLUSH_QUEUES) == 0) {
                throw error(
                        HResult.MAPI_E_NO_SUPPORT,
                        "FlushQueues",
                        displayName() + ": PR_RESOURCE_METHODS lacks STATUS_FLUSH_QUEUES");
            }
            if ((flags & ~FLUSH_FLAGS) != 0) {
                throw error(HResult.MAPI_E_UNKNOWN_FLAGS, "FlushQueues", HResult.hex(flags & ~FLUSH_FLAGS));
            }
            if (targetTransport != null && !targetTransport.equals(SimProfile.statusEntryId(EntryIds.ROW_TRANSPORT))) {
                throw error(
                        HResult.MAPI_E_UNKNOWN_ENTRYID,
                        "FlushQueues",
                        "lpTargetTransport is not a transport of this profile: " + targetTransport.toHex());
            }
            profile.spooler.flush(this, flags);
        });
    }
}
