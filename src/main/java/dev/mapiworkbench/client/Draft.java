package dev.mapiworkbench.client;

import java.util.List;

/** A message to compose: subject, plain-text body, SMTP recipients (at least one). */
public record Draft(String subject, String body, List<String> recipients) {

    public Draft {
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
    }
}
