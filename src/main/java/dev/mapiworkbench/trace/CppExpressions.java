package dev.mapiworkbench.trace;

import dev.mapiworkbench.trace.CppExpr.AddrOf;
import dev.mapiworkbench.trace.CppExpr.Call;
import dev.mapiworkbench.trace.CppExpr.Deref;
import dev.mapiworkbench.trace.CppExpr.Name;
import dev.mapiworkbench.trace.CppExpr.Null;
import dev.mapiworkbench.trace.CppExpr.Num;
import dev.mapiworkbench.trace.CppExpr.Or;
import dev.mapiworkbench.trace.CppExpr.Other;
import dev.mapiworkbench.trace.CppExpr.Str;
import dev.mapiworkbench.trace.CppTokens.Kind;
import dev.mapiworkbench.trace.CppTokens.Token;
import dev.mapiworkbench.trace.CppTraceParser.CppSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The token cursor and the expression grammar of {@link CppTraceParser} (decision 0241): assignments,
 * {@code ?:}, flag expressions joined with {@code |}, the other binary and unary operators, casts, calls,
 * {@code ->} method calls, members and indexes. An assignment to a variable is handed to {@link CppCalls}.
 */
class CppExpressions {

    final String file;
    final List<Token> tokens;
    final CppCalls calls;
    int pos;

    CppExpressions(String file, List<Token> tokens, CppCalls calls) {
        this.file = file;
        this.tokens = tokens;
        this.calls = calls;
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    Token expect(String s) {
        Token t = peek();
        if (!t.is(s)) {
            throw error(t, "expected '" + s + "' but found " + describe(t));
        }
        return next();
    }

    CppSyntaxException error(Token t, String problem) {
        return new CppSyntaxException(file, t.line(), t.col(), problem);
    }

    static String describe(Token t) {
        return t.kind() == Kind.END ? "the end of the input" : "'" + t.text() + "'";
    }

    CppExpr expression() {
        CppExpr left = orExpr();
        if (peek().is("=")) {
            Token eq = next();
            CppExpr right = expression();
            if (left instanceof Name n) {
                calls.assign(n.name(), right);
            } else if (!(left instanceof Deref)) {
                throw error(eq, "cannot assign to this expression");
            }
            return new Other("=", List.of(right));
        }
        if (peek().is("?")) {
            next();
            CppExpr a = expression();
            expect(":");
            CppExpr b = expression();
            return new Other("?:", List.of(left, a, b));
        }
        return left;
    }

    CppExpr orExpr() {
        CppExpr first = binary();
        if (!peek().is("|")) {
            return first;
        }
        List<CppExpr> parts = new ArrayList<>(List.of(first));
        while (peek().is("|")) {
            next();
            parts.add(binary());
        }
        return new Or(parts);
    }

    static final List<String> BINARY =
            List.of("==", "!=", "&&", "||", "<", ">", "<=", ">=", "+", "-", "/", "%", "^", "&");

    CppExpr binary() {
        CppExpr left = unary();
        while (peek().kind() == Kind.PUNCT && BINARY.contains(peek().text())) {
            String op = next().text();
            CppExpr right = unary();
            left = new Other(op, List.of(left, right));
        }
        return left;
    }

    CppExpr unary() {
        Token t = peek();
        if (t.is("&")) {
            next();
            return new AddrOf(unary());
        }
        if (t.is("*")) {
            next();
            return new Deref(unary());
        }
        if (t.is("!") || t.is("-") || t.is("~")) {
            next();
            CppExpr e = unary();
            if (t.is("-") && e instanceof Num n) {
                return new Num(-n.value());
            }
            return new Other(t.text(), List.of(e));
        }
        if (t.is("(") && isCast()) {
            next();
            while (!peek().is(")")) {
                next();
            }
            next();
            return unary();
        }
        return postfix(primary());
    }

    /** {@code (TYPE *)} or {@code (TYPE)} followed by an operand: identifiers and stars only, then ')'. */
    boolean isCast() {
        int k = pos + 1;
        boolean star = false;
        int idents = 0;
        while (tokens.get(k).kind() == Kind.IDENT
                || tokens.get(k).is("*")
                || tokens.get(k).is("::")) {
            star |= tokens.get(k).is("*");
            idents += tokens.get(k).kind() == Kind.IDENT ? 1 : 0;
            k++;
        }
        if (!tokens.get(k).is(")") || idents == 0) {
            return false;
        }
        Token after = tokens.get(k + 1);
        boolean operand = after.kind() == Kind.IDENT || after.kind() == Kind.NUMBER || after.is("&") || after.is("(");
        return operand && (star || idents > 1 || tokens.get(pos + 1).text().matches("[A-Z_][A-Z0-9_]*"));
    }

    CppExpr primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER -> {
                return new Num(number(t));
            }
            case STRING -> {
                StringBuilder s = new StringBuilder(t.text());
                while (peek().kind() == Kind.STRING) {
                    s.append(next().text());
                }
                return new Str(s.toString());
            }
            case IDENT -> {
                if (t.text().equals("NULL") || t.text().equals("nullptr")) {
                    return new Null();
                }
                if (peek().is("(")) {
                    return new Call(null, t.text(), arguments(), t);
                }
                return new Name(t.text(), t);
            }
            case PUNCT -> {
                if (t.is("(")) {
                    CppExpr e = expression();
                    expect(")");
                    return e;
                }
                throw error(t, "expected an expression but found " + describe(t));
            }
            default -> throw error(t, "expected an expression but found " + describe(t));
        }
    }

    CppExpr postfix(CppExpr e) {
        while (true) {
            if (peek().is("->") || peek().is(".")) {
                Token arrow = next();
                Token m = next();
                if (m.kind() != Kind.IDENT) {
                    throw error(m, "expected a method name after '" + arrow.text() + "' but found " + describe(m));
                }
                if (peek().is("(")) {
                    String target = e instanceof Name n ? n.name() : null;
                    if (target == null) {
                        throw error(m, "a method call needs a variable before '" + arrow.text() + "'");
                    }
                    e = new Call(target, m.text(), arguments(), m);
                } else {
                    e = new Other("member", List.of(e));
                }
            } else if (peek().is("[")) {
                next();
                CppExpr idx = expression();
                expect("]");
                e = new Other("[]", List.of(e, idx));
            } else if (peek().is("++") || peek().is("--")) {
                next();
            } else {
                return e;
            }
        }
    }

    List<CppExpr> arguments() {
        expect("(");
        List<CppExpr> args = new ArrayList<>();
        if (peek().is(")")) {
            next();
            return args;
        }
        while (true) {
            args.add(expression());
            if (peek().is(",")) {
                next();
                continue;
            }
            if (peek().is(")")) {
                next();
                return args;
            }
            throw error(peek(), "expected ',' or ')' in the argument list but found " + describe(peek()));
        }
    }

    long number(Token t) {
        String s = t.text().toLowerCase(Locale.ROOT).replaceAll("[ul]+$", "");
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(t, "number out of range: '" + t.text() + "'");
        }
    }
}
