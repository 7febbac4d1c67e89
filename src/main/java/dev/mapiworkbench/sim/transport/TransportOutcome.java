package dev.mapiworkbench.sim.transport;

/**
 * What the destination server made of one message (docs/decisions/0161-smtp-outcomes.md).
 *
 * @param kind  sent (2xx), deferred (4xx, no connection, TLS or AUTH trouble: stays queued and is
 *              retried) or rejected (5xx: failed, a non-delivery report goes to the Inbox)
 * @param code  the SMTP reply code, or 0 when there was no reply (connection failure)
 * @param reply the server's reply line(s), or what went wrong on the way to it; never a password
 */
public record TransportOutcome(Kind kind, int code, String reply) {

    /** The three MAPI-shaped results. */
    public enum Kind {
        SENT,
        DEFERRED,
        REJECTED
    }

    public static TransportOutcome sent(int code, String reply) {
        return new TransportOutcome(Kind.SENT, code, reply);
    }

    public static TransportOutcome deferred(int code, String reply) {
        return new TransportOutcome(Kind.DEFERRED, code, reply);
    }

    public static TransportOutcome rejected(int code, String reply) {
        return new TransportOutcome(Kind.REJECTED, code, reply);
    }

    /** 2xx sent, 4xx deferred, 5xx rejected; anything else (no code) deferred. */
    public static TransportOutcome ofCode(int code, String reply) {
        if (code >= 200 && code < 300) {
            return sent(code, reply);
        }
        if (code >= 500 && code < 600) {
            return rejected(code, reply);
        }
        return deferred(code, reply);
    }
}
