package dev.mapiworkbench.sim.transport;

import dev.mapiworkbench.mail.MailMessage;

/**
 * A destination messaging system the spooler hands mail to. {@link #send} blocks (it is called on a
 * transport I/O thread, never with the simulator lock held) and never throws for what the server
 * or the network did: that is a {@link TransportOutcome}. {@link #abort} may be called from another
 * thread while {@code send} runs; {@link #close} ends a kept-open connection.
 */
public interface Transport extends AutoCloseable {

    TransportOutcome send(MailMessage message);

    /** Makes a running {@link #send} give up soon (its connection is cut) and the next one start afresh. */
    void abort();

    /** A one-line description for status rows and the transcript ("smtp 127.0.0.1:2525 (starttls)"). */
    String describe();

    @Override
    void close();
}
