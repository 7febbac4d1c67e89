package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.SendFailureProps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination server's reply to a message that has left the Outbox (decision 0161): the Outbox
 * table no longer shows it, so it is read from the message itself (IMAPISession::OpenEntry by its
 * entry id, which the move to Sent Items keeps; GetProps; Release).
 */
public final class TransportReplies {

    private static final Logger LOG = LoggerFactory.getLogger(TransportReplies.class);

    private TransportReplies() {}

    /** PR_WB_TRANSPORT_REPLY_W of the message, or null (no SMTP reply, deleted, not logged on). */
    public static String of(ClientSession client, String entryIdHex) {
        MapiSession s = client.mapiSession();
        if (s == null) {
            return null;
        }
        try {
            MapiUnknown o = s.openEntry(EntryId.fromHex(entryIdHex), MapiFlags.MAPI_BEST_ACCESS);
            try {
                if (o instanceof MapiMessage m) {
                    PropValue v =
                            m.getProps(SendFailureProps.PR_WB_TRANSPORT_REPLY_W).get(0);
                    return v.isError() ? null : v.asString();
                }
                return null;
            } finally {
                o.release();
            }
        } catch (MapiException | IllegalArgumentException e) {
            LOG.debug("no transport reply for {}: {}", entryIdHex, e.getMessage());
            return null;
        }
    }
}
