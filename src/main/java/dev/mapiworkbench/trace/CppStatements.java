package dev.mapiworkbench.trace;

import dev.mapiworkbench.trace.CppTokens.Kind;
import dev.mapiworkbench.trace.CppTokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement grammar of {@link CppTraceParser} (decision 0241): blocks, {@code if}/{@code else}, loops,
 * {@code return}/{@code goto}, labels, function definitions (their parameters' declared types count) and
 * declarations ({@code LPMDB lpMDB = NULL;}); control flow is flattened, so each statement's calls go to
 * {@link CppCalls} in text order.
 */
final class CppStatements extends CppExpressions {

    CppStatements(String file, List<Token> tokens, CppCalls calls) {
        super(file, tokens, calls);
    }

    void statements(boolean inBlock) {
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.END) {
                if (inBlock) {
                    throw error(t, "missing '}': the block is not closed");
                }
                return;
            }
            if (t.is("}")) {
                if (!inBlock) {
                    throw error(t, "'}' without a matching '{'");
                }
                next();
                return;
            }
            statement();
        }
    }

    private void statement() {
        Token t = peek();
        if (t.is(";")) {
            next();
            return;
        }
        if (t.is("{")) {
            next();
            statements(true);
            return;
        }
        if (t.is("if") || t.is("while") || t.is("for") || t.is("switch")) {
            next();
            expect("(");
            if (t.is("for")) {
                forHeader();
            } else {
                calls.walk(expression());
                expect(")");
            }
            statement();
            if (t.is("if") && peek().is("else")) {
                next();
                statement();
            }
            return;
        }
        if (t.is("do")) {
            next();
            statement();
            expect("while");
            expect("(");
            calls.walk(expression());
            expect(")");
            expect(";");
            return;
        }
        if (t.is("else")) {
            throw error(t, "'else' without 'if'");
        }
        if (t.is("return") || t.is("goto") || t.is("break") || t.is("continue")) {
            next();
            if (t.is("goto")) {
                next();
            } else if (!peek().is(";")) {
                calls.walk(expression());
            }
            expect(";");
            return;
        }
        if (t.kind() == Kind.IDENT && peek(1).is(":") && !peek(2).is(":")) { // a label (Cleanup:)
            next();
            next();
            return;
        }
        if (isFunctionDefinition()) {
            functionDefinition();
            return;
        }
        if (isDeclaration()) {
            declaration();
            return;
        }
        calls.walk(expression());
        expect(";");
    }

    /** A function definition ({@code static HRESULT Name(params)} followed by a body): its body holds the calls. */
    private boolean isFunctionDefinition() {
        int k = pos;
        while (tokens.get(k).is("static")
                || tokens.get(k).is("extern")
                || tokens.get(k).is("inline")) {
            k++;
        }
        if (tokens.get(k).kind() != Kind.IDENT) {
            return false;
        }
        k++;
        while (tokens.get(k).is("*")
                || tokens.get(k).is("STDMETHODCALLTYPE")
                || tokens.get(k).is("WINAPI")) {
            k++;
        }
        if (tokens.get(k).kind() != Kind.IDENT || !tokens.get(k + 1).is("(")) {
            return false;
        }
        int depth = 0;
        for (int j = k + 1; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")") && --depth == 0) {
                return tokens.get(j + 1).is("{");
            } else if (t.kind() == Kind.END || t.is(";") || t.is("{")) {
                return false;
            }
        }
        return false;
    }

    private void functionDefinition() {
        while (!peek().is("(")) {
            next();
        }
        next();
        while (!peek().is(")")) {
            StringBuilder type = new StringBuilder();
            Token name = null;
            while (!peek().is(",") && !peek().is(")")) {
                if (name != null) {
                    type.append(name.text());
                }
                name = next();
            }
            if (name != null && name.kind() == Kind.IDENT) {
                calls.typed(name.text(), CppApis.ifaceOfType(type.toString()));
            }
            if (peek().is(",")) {
                next();
            }
        }
        next();
        expect("{");
        statements(true);
    }

    private void forHeader() {
        if (isDeclaration()) {
            declaration(); // for (int i = 0; …): the declaration takes its ';'
        } else {
            if (!peek().is(";")) {
                calls.walk(expression());
            }
            expect(";");
        }
        for (int part = 1; part < 3; part++) {
            if (!peek().is(part < 2 ? ";" : ")")) {
                calls.walk(expression());
            }
            expect(part < 2 ? ";" : ")");
        }
    }

    /** {@code TYPE [*]* name [= expr] (, name …)* ;}: two identifiers in a row (or with stars between). */
    private boolean isDeclaration() {
        int k = pos;
        while (tokens.get(k).is("const")
                || tokens.get(k).is("struct")
                || tokens.get(k).is("unsigned")) {
            k++;
        }
        if (tokens.get(k).kind() != Kind.IDENT) {
            return false;
        }
        k++;
        while (tokens.get(k).is("*") || tokens.get(k).is("&") || tokens.get(k).is("const")) {
            k++;
        }
        Token name = tokens.get(k);
        Token after = tokens.get(Math.min(k + 1, tokens.size() - 1));
        return name.kind() == Kind.IDENT && (after.is("=") || after.is(";") || after.is(",") || after.is("["));
    }

    private void declaration() {
        StringBuilder type = new StringBuilder();
        while (!(peek().kind() == Kind.IDENT && isNameAhead())) {
            if (peek().kind() == Kind.END) {
                throw error(peek(), "expected a variable name but found the end of the input");
            }
            type.append(next().text());
        }
        while (true) {
            Token name = next();
            if (name.kind() != Kind.IDENT) {
                throw error(name, "expected a variable name but found " + describe(name));
            }
            calls.typed(name.text(), CppApis.ifaceOfType(type.toString()));
            calls.declared(name.text());
            if (peek().is("[")) {
                while (!peek().is("]")) {
                    if (peek().kind() == Kind.END) {
                        throw error(peek(), "missing ']'");
                    }
                    next();
                }
                next();
            }
            if (peek().is("=")) {
                next();
                CppExpr init = peek().is("{") ? initList() : expression();
                calls.walk(init);
                calls.initialised(name.text(), init);
            }
            if (peek().is(",")) {
                next();
                while (peek().is("*")) {
                    next();
                }
                continue;
            }
            expect(";");
            return;
        }
    }

    /** True when the identifier at pos is the declared name (followed by = ; , [). */
    private boolean isNameAhead() {
        Token after = peek(1);
        return after.is("=") || after.is(";") || after.is(",") || after.is("[");
    }

    /** {@code {a, b, …}}: a struct's initialiser, as CppEmitter writes MAPIInitialize's MAPIINIT_0. */
    private CppExpr initList() {
        expect("{");
        List<CppExpr> items = new ArrayList<>();
        while (!peek().is("}")) {
            if (peek().kind() == Kind.END) {
                throw error(peek(), "missing '}'");
            }
            items.add(expression());
            if (!peek().is("}")) {
                expect(",");
            }
        }
        next();
        return new CppExpr.InitList(items);
    }
}
