package dev.mapiworkbench.mapi;

/**
 * How a backend marks an Outbox message whose send failed, so a client can show "failed: reason".
 * MAPI itself reports a failed send with a non-delivery report; the simulated transport instead
 * leaves the message in the Outbox, clears {@code MSGFLAG_SUBMIT} and {@code SUBMITFLAG_LOCKED},
 * keeps {@code MSGFLAG_UNSENT}, and sets these three properties on the message. The ids are in the
 * provider-defined range 0x6700-0x67FF, so they are not MAPI numbers and cannot collide with one
 * (docs/decisions/0012-failed-send-representation.md). A message that is submitted again loses them.
 * A real backend never sets them; a client then sees the message as simply unsent.
 */
public final class SendFailureProps {

    private SendFailureProps() {}

    /** PT_UNICODE: why the send failed, e.g. "MAPI_E_NETWORK_ERROR: the transport fails every 3rd message". */
    public static final int PR_WB_SEND_ERROR_W = 0x6700001F;

    /** PT_LONG: the SCODE of the failure (e.g. MAPI_E_NETWORK_ERROR 0x80040115). */
    public static final int PR_WB_SEND_ERROR_SCODE = 0x67010003;

    /** PT_SYSTIME: when the transport gave up. */
    public static final int PR_WB_SEND_ERROR_TIME = 0x67020040;

    /**
     * PT_UNICODE: the destination server's last reply to this message, e.g. "250 2.0.0 OK" (sent),
     * "451 4.3.0 try again later" (still queued, retried) or "550 5.1.1 no such user" (failed). Set by
     * the SMTP transport only (docs/decisions/0161-smtp-outcomes.md); kept on the message in Sent Items.
     */
    public static final int PR_WB_TRANSPORT_REPLY_W = 0x6703001F;

    /** PT_LONG: how many times the SMTP transport tried to send the message so far. */
    public static final int PR_WB_SEND_ATTEMPTS = 0x67040003;

    /** PT_SYSTIME: when the SMTP transport tries a deferred message again (absent when not deferred). */
    public static final int PR_WB_NEXT_RETRY_TIME = 0x67050040;

    /** True when {@code messageFlags}/{@code reason} describe a failed, no longer queued message. */
    public static boolean isFailed(int messageFlags, String reason) {
        return reason != null && (messageFlags & MapiFlags.MSGFLAG_SUBMIT) == 0;
    }
}
