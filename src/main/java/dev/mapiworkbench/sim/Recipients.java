package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.RecipientType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the simulator keeps a recipient's PR_RECIPIENT_TYPE in the store's ordered address list: a To
 * recipient is its plain address (so files written before types existed read as To), a Cc or Bcc
 * recipient is prefixed {@code "cc:"} / {@code "bcc:"}. An SMTP addr-spec cannot start that way
 * unquoted with the prefix directly followed by the local part, and ModifyRecipients refuses
 * addresses that do (decision 0162).
 */
final class Recipients {

    private static final String CC = "cc:";
    private static final String BCC = "bcc:";

    private Recipients() {}

    static String encode(int type, String address) {
        return switch (type) {
            case RecipientType.MAPI_CC -> CC + address;
            case RecipientType.MAPI_BCC -> BCC + address;
            default -> address;
        };
    }

    static int type(String stored) {
        String l = stored.toLowerCase(Locale.ROOT);
        if (l.startsWith(CC)) {
            return RecipientType.MAPI_CC;
        }
        if (l.startsWith(BCC)) {
            return RecipientType.MAPI_BCC;
        }
        return RecipientType.MAPI_TO;
    }

    static String address(String stored) {
        return switch (type(stored)) {
            case RecipientType.MAPI_CC -> stored.substring(CC.length());
            case RecipientType.MAPI_BCC -> stored.substring(BCC.length());
            default -> stored;
        };
    }

    /** True when an address given to ModifyRecipients would read back as a typed one. */
    static boolean looksEncoded(String address) {
        return type(address) != RecipientType.MAPI_TO;
    }

    /** The plain addresses of one type, in order. */
    static List<String> of(List<String> stored, int type) {
        List<String> out = new ArrayList<>();
        for (String s : stored) {
            if (type(s) == type) {
                out.add(address(s));
            }
        }
        return out;
    }

    /** Every plain address, in order (the SMTP envelope, the transport log). */
    static List<String> addresses(List<String> stored) {
        List<String> out = new ArrayList<>(stored.size());
        for (String s : stored) {
            out.add(address(s));
        }
        return out;
    }

    /** PR_DISPLAY_TO / _CC / _BCC: the addresses of that type joined with "; ". */
    static String display(List<String> stored, int type) {
        return String.join("; ", of(stored, type));
    }
}
