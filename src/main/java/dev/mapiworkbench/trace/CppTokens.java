package dev.mapiworkbench.trace;

import dev.mapiworkbench.trace.CppTraceParser.CppSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokenizer of {@link CppTraceParser} (decision 0241): identifiers, numbers, strings and punctuation, each
 * with its line and column; comments and preprocessor lines are skipped.
 */
final class CppTokens {

    private CppTokens() {}

    enum Kind {
        IDENT,
        NUMBER,
        STRING,
        PUNCT,
        END
    }

    record Token(Kind kind, String text, int line, int col) {
        boolean is(String s) {
            return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(s);
        }
    }

    private static final String[] PUNCTS = {
        "->", "::", "==", "!=", "&&", "||", "<=", ">=", "++", "--", "(", ")", "{", "}", "[", "]", ";", ",", "&", "|",
        "*", "=", "!", "<", ">", "+", "-", ".", "?", ":", "~", "/", "%", "^"
    };

    static List<Token> tokenize(String file, String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int col = 1;
        boolean lineStart = true;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                i++;
                line++;
                col = 1;
                lineStart = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                col++;
                continue;
            }
            if (lineStart && c == '#') { // a preprocessor line (with \ continuations)
                while (i < n && src.charAt(i) != '\n') {
                    if (src.charAt(i) == '\\' && i + 1 < n && src.charAt(i + 1) == '\n') {
                        i++;
                        line++;
                    }
                    i++;
                }
                continue;
            }
            lineStart = false;
            if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new CppSyntaxException(file, line, col, "unterminated /* comment");
                }
                for (int k = i; k < end + 2; k++) {
                    if (src.charAt(k) == '\n') {
                        line++;
                        col = 1;
                    } else {
                        col++;
                    }
                }
                i = end + 2;
                continue;
            }
            int startCol = col;
            if (Character.isJavaIdentifierStart(c) && c != '$') {
                int j = i;
                while (j < n && Character.isJavaIdentifierPart(src.charAt(j)) && src.charAt(j) != '$') {
                    j++;
                }
                String word = src.substring(i, j);
                if ((word.equals("L") || word.equals("u8") || word.equals("u") || word.equals("U"))
                        && j < n
                        && (src.charAt(j) == '"' || src.charAt(j) == '\'')) {
                    col += j - i;
                    i = j;
                    continue; // a wide/UTF string prefix: the literal follows
                }
                out.add(new Token(Kind.IDENT, word, line, startCol));
                col += j - i;
                i = j;
                continue;
            }
            if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '.')) {
                    j++;
                }
                String num = src.substring(i, j);
                if (!num.toLowerCase(Locale.ROOT).matches("(0x[0-9a-f]+|[0-9]+)[ul]*")) {
                    throw new CppSyntaxException(file, line, col, "not a whole number: '" + num + "'");
                }
                out.add(new Token(Kind.NUMBER, num, line, startCol));
                col += j - i;
                i = j;
                continue;
            }
            if (c == '"' || c == '\'') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n || src.charAt(j) == '\n') {
                        throw new CppSyntaxException(
                                file, line, col, "unterminated " + (c == '"' ? "string" : "character") + " literal");
                    }
                    char d = src.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        sb.append(src.charAt(j + 1));
                        j += 2;
                        continue;
                    }
                    if (d == c) {
                        break;
                    }
                    sb.append(d);
                    j++;
                }
                out.add(new Token(
                        c == '"' ? Kind.STRING : Kind.NUMBER, c == '"' ? sb.toString() : "0", line, startCol));
                col += j + 1 - i;
                i = j + 1;
                continue;
            }
            String p = null;
            for (String cand : PUNCTS) {
                if (src.startsWith(cand, i)) {
                    p = cand;
                    break;
                }
            }
            if (p == null) {
                throw new CppSyntaxException(file, line, col, "unexpected character '" + c + "'");
            }
            out.add(new Token(Kind.PUNCT, p, line, startCol));
            i += p.length();
            col += p.length();
        }
        out.add(new Token(Kind.END, "end of input", line, col));
        return out;
    }
}
