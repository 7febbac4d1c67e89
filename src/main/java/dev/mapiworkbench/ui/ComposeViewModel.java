package dev.mapiworkbench.ui;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The compose dialog's state: To (addresses separated by ';' or ','), subject and body. The draft
 * is valid when every address is well formed and there is at least one.
 */
public final class ComposeViewModel {

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    /** A message ready to queue. */
    public record Draft(List<String> to, String subject, String body) {}

    private final StringProperty to = new SimpleStringProperty(this, "to", "");
    private final StringProperty subject = new SimpleStringProperty(this, "subject", "");
    private final StringProperty body = new SimpleStringProperty(this, "body", "");
    private final BooleanBinding valid = Bindings.createBooleanBinding(() -> validate(to.get()) == null, to);

    public StringProperty toProperty() {
        return to;
    }

    public StringProperty subjectProperty() {
        return subject;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** The addresses in a To line, trimmed, empty parts dropped. */
    public static List<String> addresses(String line) {
        if (line == null) {
            return List.of();
        }
        return Arrays.stream(line.split("[;,]"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public static boolean isWellFormed(String address) {
        return ADDRESS.matcher(address).matches();
    }

    /** Null when the To line is acceptable, otherwise the message the person sees. */
    public static String validate(String line) {
        List<String> list = addresses(line);
        if (list.isEmpty()) {
            return "Enter at least one address, e.g. alice@example.com";
        }
        for (String a : list) {
            if (!isWellFormed(a)) {
                return "Not a well-formed address: " + a;
            }
        }
        return null;
    }

    /** The draft to send; the subject defaults to "(no subject)". */
    public Draft toDraft() {
        String s = subject.get() == null || subject.get().isBlank()
                ? "(no subject)"
                : subject.get().trim();
        return new Draft(addresses(to.get()), s, body.get() == null ? "" : body.get());
    }
}
