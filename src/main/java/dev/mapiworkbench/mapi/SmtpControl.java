package dev.mapiworkbench.mapi;

import java.util.Optional;

/**
 * Capability of the simulator: hand the spooler's mail to a real SMTP server instead of the
 * simulated transport (docs/decisions/0160-smtp-transport.md). The simulated transport is the
 * default; a profile's saved choice is read at its logon.
 */
public interface SmtpControl {

    /** The SMTP server the spooler uses for the next message; empty when it uses the simulated transport. */
    Optional<SmtpSettings> smtp();

    /**
     * Uses {@code settings} from the next message on ({@code null}: the simulated transport again).
     * With {@code saveInProfile} the choice is also written to the profile (every logged-on profile,
     * else the default one) without the password, so the next logon uses it.
     */
    void useSmtp(SmtpSettings settings, boolean saveInProfile);

    /**
     * The AUTH password for whatever SMTP settings are in use, a profile's saved user included
     * (a saved profile has no password). In memory only; null forgets it.
     */
    void setPassword(Secret password);

    /** The From address the SMTP transport puts on mail of the logged-on (else the default) profile. */
    String senderAddress();

    /** Ends the wait before the next retry of mail the server deferred (4xx) or could not be reached for. */
    void retryNow();
}
