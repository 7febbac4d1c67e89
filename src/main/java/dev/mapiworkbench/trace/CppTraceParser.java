package dev.mapiworkbench.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns pasted C/C++ MAPI code in the style of the seeds' sample into a trace (docs/trace.md, "C++ in",
 * decision 0241): a small hand-written tokenizer and recursive-descent parser for statements, declarations,
 * assignments, calls, {@code ->} method calls, casts, {@code &out} arguments, {@code NULL} and flag
 * expressions joined with {@code |}. Control flow is flattened: {@code if}/{@code else}/blocks contribute
 * their calls in text order. Variables become handles ({@code obj:<n>}, {@code buf:<n>}, connection
 * numbers) when a call hands them back through {@code &var}; a variable used before that becomes a handle
 * of its own (a snippet that starts in the middle of a session). Calls the trace format does not know are
 * listed in {@link Result#unknown()}, never dropped silently. What cannot be read at all is a
 * {@link CppSyntaxException} naming the line and column.
 */
public final class CppTraceParser {

    /** Unreadable input: {@code file:line:col: what}. */
    public static final class CppSyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        CppSyntaxException(String file, int line, int column, String problem) {
            super(file + ":" + line + ":" + column + ": " + problem);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /** A statement or call that is not a MAPI call the trace knows. */
    public record Unknown(int line, int column, String text) {}

    /** The trace and what was left out. */
    public record Result(Trace trace, List<Unknown> unknown) {
        public Result {
            unknown = List.copyOf(unknown);
        }
    }

    // ---- tokens ------------------------------------------------------------------------------------

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

    // ---- the expression tree -------------------------------------------------------------------------

    sealed interface Expr permits Name, Num, Str, Null, AddrOf, Deref, Or, Call, Other {}

    record Name(String name, Token at) implements Expr {}

    record Num(long value) implements Expr {}

    record Str(String value) implements Expr {}

    record Null() implements Expr {}

    record AddrOf(Expr of) implements Expr {}

    record Deref(Expr of) implements Expr {}

    record Or(List<Expr> parts) implements Expr {}

    /** {@code f(args)} ({@code target} null) or {@code target->f(args)}. */
    record Call(String target, String name, List<Expr> args, Token at) implements Expr {}

    /** Anything else the calls inside of which still count (comparisons, negation, arithmetic). */
    record Other(String text, List<Expr> inner) implements Expr {}

    // ---- the APIs ------------------------------------------------------------------------------------

    /** Parameter names of the known functions and methods, in C order (MAPIX.h, MAPIDefS.h, MAPIUtil.h). */
    private static final Map<String, String[]> PARAMS = new HashMap<>();

    private static void p(String api, String... names) {
        PARAMS.put(api, names);
    }

    static {
        p("MAPIInitialize", "lpMapiInit");
        p("MAPIUninitialize");
        p("MAPILogonEx", "ulUIParam", "lpszProfileName", "lpszPassword", "ulFlags", "lppSession");
        p("MAPIAllocateBuffer", "cbSize", "lppBuffer");
        p("MAPIAllocateMore", "cbSize", "lpObject", "lppBuffer");
        p("MAPIFreeBuffer", "lpBuffer");
        p("OleInitialize", "pvReserved");
        p("OleUninitialize");
        p("ScInitMapiUtil", "ulFlags");
        p("DeinitMapiUtil");
        p("HrQueryAllRows", "lpTable", "lpPropTags", "lpRestriction", "lpSortOrderSet", "crowsMax", "lppRows");
        p("FreeProws", "lpRows");
        p("HrAllocAdviseSink", "lpfnCallback", "lpvContext", "lppAdviseSink");
        p("HrThisThreadAdviseSink", "lpAdviseSink", "lppAdviseSink");
        p("HrGetOneProp", "lpMapiProp", "ulPropTag", "lppProp");
        p("Release");
        p("AddRef");
        p("QueryInterface", "riid", "ppvObject");
        p("Logoff", "ulUIParam", "ulFlags", "ulReserved");
        p("StoreLogoff", "lpulFlags");
        p("Unadvise", "ulConnection");
        p("Advise", "cbEntryID", "lpEntryID", "ulEventMask", "lpAdviseSink", "lpulConnection");
        p("IMAPITable::Advise", "ulEventMask", "lpAdviseSink", "lpulConnection");
        p("OpenMsgStore", "ulUIParam", "cbEntryID", "lpEntryID", "lpInterface", "ulFlags", "lppMDB");
        p("OpenAddressBook", "ulUIParam", "lpInterface", "ulFlags", "lppAdrBook");
        p("GetMsgStoresTable", "ulFlags", "lppTable");
        p("GetStatusTable", "ulFlags", "lppTable");
        p("OpenEntry", "cbEntryID", "lpEntryID", "lpInterface", "ulFlags", "lpulObjType", "lppUnk");
        p("GetContentsTable", "ulFlags", "lppTable");
        p("GetHierarchyTable", "ulFlags", "lppTable");
        p("CreateMessage", "lpInterface", "ulFlags", "lppMessage");
        p("SubmitMessage", "ulFlags");
        p("SaveChanges", "ulFlags");
        p("QueryFastShutdown");
        p("NotifyProcessShutdown");
        p("DoFastShutdown");
    }

    /** The functions (the rest of {@link #PARAMS} are methods). */
    private static final java.util.Set<String> FUNCTIONS = java.util.Set.of(
            "MAPIInitialize",
            "MAPIUninitialize",
            "MAPILogonEx",
            "MAPIAllocateBuffer",
            "MAPIAllocateMore",
            "MAPIFreeBuffer",
            "OleInitialize",
            "OleUninitialize",
            "ScInitMapiUtil",
            "DeinitMapiUtil",
            "HrQueryAllRows",
            "FreeProws",
            "HrAllocAdviseSink",
            "HrThisThreadAdviseSink",
            "HrGetOneProp");

    /** Parameters that take a MAPI buffer, and those that take an object. */
    private static final java.util.Set<String> BUFFER_PARAMS = java.util.Set.of("lpBuffer", "lpRows", "lpObject");

    private static final java.util.Set<String> OBJECT_PARAMS =
            java.util.Set.of("lpTable", "lpMapiProp", "lpAdviseSink");

    /** The C parameter names of an API ({@code IMAPITable::Advise}, {@code Logoff}), or null when unknown. */
    static String[] paramNames(String api) {
        String[] n = PARAMS.get(api);
        if (n == null) {
            int i = api.indexOf("::");
            String m = i < 0 ? api : api.substring(i + 2);
            if (i < 0 != FUNCTIONS.contains(m)) {
                return null;
            }
            n = PARAMS.get(m);
        }
        return n == null ? null : n.clone();
    }

    /** The interface a declared type names (MAPIX.h/MAPIDefS.h typedefs). */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("LPMAPISESSION", "IMAPISession"),
            Map.entry("LPMDB", "IMsgStore"),
            Map.entry("LPADRBOOK", "IAddrBook"),
            Map.entry("LPMAPITABLE", "IMAPITable"),
            Map.entry("LPMAPIFOLDER", "IMAPIFolder"),
            Map.entry("LPMESSAGE", "IMessage"),
            Map.entry("LPMAPIADVISESINK", "IMAPIAdviseSink"),
            Map.entry("LPMAPICLIENTSHUTDOWN", "IMAPIClientShutdown"),
            Map.entry("LPUNKNOWN", "IUnknown"));

    /** The interface a method is on, when the variable's type does not tell. */
    private static final Map<String, String> METHOD_IFACE = Map.ofEntries(
            Map.entry("Logoff", "IMAPISession"),
            Map.entry("OpenMsgStore", "IMAPISession"),
            Map.entry("OpenAddressBook", "IMAPISession"),
            Map.entry("GetMsgStoresTable", "IMAPISession"),
            Map.entry("GetStatusTable", "IMAPISession"),
            Map.entry("StoreLogoff", "IMsgStore"),
            Map.entry("GetContentsTable", "IMAPIFolder"),
            Map.entry("GetHierarchyTable", "IMAPIFolder"),
            Map.entry("CreateMessage", "IMAPIFolder"),
            Map.entry("SubmitMessage", "IMessage"),
            Map.entry("QueryFastShutdown", "IMAPIClientShutdown"),
            Map.entry("NotifyProcessShutdown", "IMAPIClientShutdown"),
            Map.entry("DoFastShutdown", "IMAPIClientShutdown"));

    /** The interface a call hands back through its out parameter. */
    private static final Map<String, String> CREATES = Map.ofEntries(
            Map.entry("MAPILogonEx", "IMAPISession"),
            Map.entry("OpenMsgStore", "IMsgStore"),
            Map.entry("OpenAddressBook", "IAddrBook"),
            Map.entry("GetMsgStoresTable", "IMAPITable"),
            Map.entry("GetStatusTable", "IMAPITable"),
            Map.entry("GetContentsTable", "IMAPITable"),
            Map.entry("GetHierarchyTable", "IMAPITable"),
            Map.entry("CreateMessage", "IMessage"),
            Map.entry("HrAllocAdviseSink", "IMAPIAdviseSink"),
            Map.entry("HrThisThreadAdviseSink", "IMAPIAdviseSink"));

    // ---- state -----------------------------------------------------------------------------------------

    private final String file;
    private final List<Token> tokens;
    private int pos;
    private final List<TraceCall> calls = new ArrayList<>();
    private final List<Unknown> unknown = new ArrayList<>();
    /** variable -> obj:/buf: handle or connection number (Long). */
    private final Map<String, Object> vars = new HashMap<>();

    private final Map<String, String> declaredIface = new HashMap<>();
    /** variable -> the flag expression it was initialised or assigned with. */
    private final Map<String, Expr> values = new HashMap<>();
    /** Handles used before any call handed them back: {handle, interface, variable}. */
    private final List<String[]> held = new ArrayList<>();

    private int nextObj;
    private int nextBuf;
    private long nextConn;

    private CppTraceParser(String file, String src) {
        this.file = file;
        this.tokens = tokenize(file, src);
    }

    /** Parses C/C++ teardown code. */
    public static Result parse(String file, String src) {
        CppTraceParser p = new CppTraceParser(file, src);
        p.statements(false);
        List<TraceCall> all = new ArrayList<>(p.prologue());
        all.addAll(p.calls);
        List<TraceCall> numbered = new ArrayList<>();
        for (TraceCall c : all) {
            numbered.add(new TraceCall(
                    numbered.size() + 1,
                    c.thread(),
                    c.api(),
                    c.self(),
                    c.args(),
                    c.out(),
                    c.hr(),
                    c.ret(),
                    c.line(),
                    c.step(),
                    c.synthetic(),
                    c.labels()));
        }
        return new Result(new Trace(file, "C/C++ code from " + file + " (mapi-workbench --cpp)", numbered), p.unknown);
    }

    /**
     * Synthetic lines for what the code uses without obtaining it (a snippet from the middle of a session):
     * the initialisations its uninitialisations balance, each session, the other objects (opened from the
     * first session) and buffers.
     */
    private List<TraceCall> prologue() {
        List<TraceCall> pro = new ArrayList<>();
        String[][] pairs = {
            {"MAPIInitialize", "MAPIUninitialize"},
            {"OleInitialize", "OleUninitialize"},
            {"ScInitMapiUtil", "DeinitMapiUtil"}
        };
        for (String[] pair : pairs) {
            long inits = calls.stream().filter(c -> c.api().equals(pair[0])).count();
            long uninits = calls.stream().filter(c -> c.api().equals(pair[1])).count();
            for (long i = inits; i < uninits; i++) {
                pro.add(new TraceCall(0, 1, pair[0], null, Map.of(), Map.of(), 0, null, 0, null, true, Map.of()));
            }
        }
        String session = null;
        for (String[] h : held) {
            if (h[1].equals("IMAPISession")) {
                session = session == null ? h[0] : session;
                pro.add(synthetic("MAPILogonEx", null, Map.of(), Map.of("lppSession", h[0]), h));
            }
        }
        if (session == null) {
            session = calls.stream()
                    .filter(c -> c.api().equals("MAPILogonEx"))
                    .flatMap(c -> c.out().values().stream())
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .findFirst()
                    .orElse("obj:0");
        }
        for (String[] h : held) {
            if (h[1].equals("buffer")) {
                pro.add(synthetic("MAPIAllocateBuffer", null, Map.of(), Map.of("lppBuffer", h[0]), h));
            } else if (h[1].equals("IMAPIAdviseSink")) {
                pro.add(synthetic("HrAllocAdviseSink", null, Map.of(), Map.of("lppAdviseSink", h[0]), h));
            } else if (h[1].equals("IUnknown")) {
                // its interface comes from the first method called on it
                pro.add(synthetic("IMAPISession::OpenEntry", session, Map.of(), Map.of("lppUnk", h[0]), h));
            } else if (!h[1].equals("IMAPISession")) {
                pro.add(synthetic(
                        "IUnknown::QueryInterface",
                        session,
                        Map.of("riid", "IID_" + h[1]),
                        Map.of("ppvObject", h[0]),
                        h));
            }
        }
        return pro;
    }

    /** A synthetic line handing back {@code held[0]}, labelled with the variable's name {@code held[2]}. */
    private static TraceCall synthetic(
            String api, String self, Map<String, Object> args, Map<String, Object> out, String[] held) {
        String what = held[1].equals("buffer") ? "buffer" : held[1];
        return new TraceCall(0, 1, api, self, args, out, 0, null, 0, null, true, Map.of(held[0], what + " " + held[2]));
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    private Token expect(String s) {
        Token t = peek();
        if (!t.is(s)) {
            throw error(t, "expected '" + s + "' but found " + describe(t));
        }
        return next();
    }

    private CppSyntaxException error(Token t, String problem) {
        return new CppSyntaxException(file, t.line(), t.col(), problem);
    }

    private static String describe(Token t) {
        return t.kind() == Kind.END ? "the end of the input" : "'" + t.text() + "'";
    }

    // ---- statements ------------------------------------------------------------------------------------

    private void statements(boolean inBlock) {
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
                walk(expression());
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
            walk(expression());
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
                walk(expression());
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
        walk(expression());
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
                String iface = ifaceOfType(type.toString());
                if (iface != null) {
                    declaredIface.put(name.text(), iface);
                }
            }
            if (peek().is(",")) {
                next();
            }
        }
        next();
        expect("{");
        statements(true);
    }

    /** The interface a declared type names ({@code LPMDB}, {@code IMsgStore *}), or null. */
    private static String ifaceOfType(String type) {
        String bare = type.replace("*", "").replace("const", "");
        String iface = TYPES.get(bare);
        if (iface == null
                && type.endsWith("*")
                && bare.startsWith("I")
                && bare.length() > 1
                && Character.isUpperCase(bare.charAt(1))) {
            iface = bare;
        }
        return iface;
    }

    private void forHeader() {
        if (isDeclaration()) {
            declaration(); // for (int i = 0; …): the declaration takes its ';'
        } else {
            if (!peek().is(";")) {
                walk(expression());
            }
            expect(";");
        }
        for (int part = 1; part < 3; part++) {
            if (!peek().is(part < 2 ? ";" : ")")) {
                walk(expression());
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
            String iface = ifaceOfType(type.toString());
            if (iface != null) {
                declaredIface.put(name.text(), iface);
            }
            vars.remove(name.text());
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
                Expr init = expression();
                walk(init);
                values.put(name.text(), init);
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

    // ---- expressions -----------------------------------------------------------------------------------

    private Expr expression() {
        Expr left = orExpr();
        if (peek().is("=")) {
            Token eq = next();
            Expr right = expression();
            if (left instanceof Name n) {
                assign(n.name(), right);
            } else if (!(left instanceof Deref)) {
                throw error(eq, "cannot assign to this expression");
            }
            return new Other("=", List.of(right));
        }
        if (peek().is("?")) {
            next();
            Expr a = expression();
            expect(":");
            Expr b = expression();
            return new Other("?:", List.of(left, a, b));
        }
        return left;
    }

    private void assign(String var, Expr right) {
        if (right instanceof Null || (right instanceof Num num && num.value() == 0)) {
            vars.remove(var); // lpMDB = NULL: the variable no longer names the object
            values.remove(var);
        } else if (right instanceof Name other && vars.containsKey(other.name())) {
            vars.put(var, vars.get(other.name()));
        } else if (!(right instanceof Call) && !(right instanceof Other)) {
            values.put(var, right);
        }
    }

    private Expr orExpr() {
        Expr first = binary();
        if (!peek().is("|")) {
            return first;
        }
        List<Expr> parts = new ArrayList<>(List.of(first));
        while (peek().is("|")) {
            next();
            parts.add(binary());
        }
        return new Or(parts);
    }

    private static final List<String> BINARY =
            List.of("==", "!=", "&&", "||", "<", ">", "<=", ">=", "+", "-", "/", "%", "^", "&");

    private Expr binary() {
        Expr left = unary();
        while (peek().kind() == Kind.PUNCT && BINARY.contains(peek().text())) {
            String op = next().text();
            Expr right = unary();
            left = new Other(op, List.of(left, right));
        }
        return left;
    }

    private Expr unary() {
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
            Expr e = unary();
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
    private boolean isCast() {
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

    private Expr primary() {
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
                    Expr e = expression();
                    expect(")");
                    return e;
                }
                throw error(t, "expected an expression but found " + describe(t));
            }
            default -> throw error(t, "expected an expression but found " + describe(t));
        }
    }

    private Expr postfix(Expr e) {
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
                Expr idx = expression();
                expect("]");
                e = new Other("[]", List.of(e, idx));
            } else if (peek().is("++") || peek().is("--")) {
                next();
            } else {
                return e;
            }
        }
    }

    private List<Expr> arguments() {
        expect("(");
        List<Expr> args = new ArrayList<>();
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

    private long number(Token t) {
        String s = t.text().toLowerCase(Locale.ROOT).replaceAll("[ul]+$", "");
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(t, "number out of range: '" + t.text() + "'");
        }
    }

    // ---- calls -> trace --------------------------------------------------------------------------------

    /** Emits the calls inside an expression, innermost first, in text order. */
    private void walk(Expr e) {
        if (e instanceof Call c) {
            c.args().forEach(this::walk);
            call(c);
        } else if (e instanceof Other o) {
            o.inner().forEach(this::walk);
        } else if (e instanceof AddrOf a) {
            walk(a.of());
        } else if (e instanceof Deref d) {
            walk(d.of());
        } else if (e instanceof Or or) {
            or.parts().forEach(this::walk);
        }
    }

    private void call(Call c) {
        String key;
        String api;
        String self = null;
        if (c.target() == null) {
            if (!PARAMS.containsKey(c.name()) || isMethodName(c.name())) {
                if (!List.of("FAILED", "SUCCEEDED", "HR_FAILED", "HR_SUCCEEDED").contains(c.name())) {
                    unknown.add(new Unknown(c.at().line(), c.at().col(), c.name() + "(…)"));
                }
                return;
            }
            key = c.name();
            api = c.name();
        } else {
            String iface = declaredIface.getOrDefault(c.target(), METHOD_IFACE.getOrDefault(c.name(), "IUnknown"));
            if ("IUnknown".equals(iface) && METHOD_IFACE.containsKey(c.name())) {
                iface = METHOD_IFACE.get(c.name());
            }
            api = iface + "::" + c.name();
            key = PARAMS.containsKey(api) ? api : c.name();
            if (!PARAMS.containsKey(key) || !isMethodName(c.name())) {
                unknown.add(new Unknown(c.at().line(), c.at().col(), c.target() + "->" + c.name() + "(…)"));
                return;
            }
            self = handleOf(c.target(), iface);
        }
        String[] names = PARAMS.get(key);
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < c.args().size(); i++) {
            String name = i < names.length ? names[i] : "arg" + (i + 1);
            Expr a = c.args().get(i);
            boolean outParam = name.startsWith("lpp") || name.startsWith("pp") || name.equals("lpulConnection");
            if (outParam && a instanceof AddrOf addr && addr.of() instanceof Name v) {
                out.put(name, bind(v.name(), c));
            } else if (outParam && (a instanceof Null)) {
                out.put(name, null);
            } else if (!outParam && !name.equals("lpulObjType")) {
                args.put(name, value(name, a, c));
            }
        }
        if (c.name().equals("StoreLogoff") && !args.containsKey("lpulFlags")) {
            args.put("lpulFlags", "LOGOFF_NO_WAIT");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < c.args().size(); i++) {
            if (c.args().get(i) instanceof AddrOf addr
                    && addr.of() instanceof Name v
                    && vars.get(v.name()) instanceof String h) {
                String what = h.startsWith("buf:") ? "buffer" : declaredIface.getOrDefault(v.name(), "IUnknown");
                labels.put(h, what + " " + v.name() + " (line " + c.at().line() + ")");
            }
        }
        labels.keySet().retainAll(out.values());
        calls.add(
                new TraceCall(calls.size() + 1, 1, api, self, args, out, 0, null, c.at().line(), null, false, labels));
    }

    private static boolean isMethodName(String name) {
        return !FUNCTIONS.contains(name);
    }

    /** The handle a variable names; a variable never handed back becomes a handle of its own. */
    private String handleOf(String var, String iface) {
        Object h = vars.get(var);
        if (h instanceof String s) {
            return s;
        }
        String fresh = "obj:" + ++nextObj;
        vars.put(var, fresh);
        declaredIface.putIfAbsent(var, iface);
        held.add(new String[] {fresh, iface, var});
        return fresh;
    }

    /** {@code &var} as an out parameter: a new handle (or connection number) for the variable. */
    private Object bind(String var, Call c) {
        if (c.name().equals("Advise")) {
            long conn = ++nextConn;
            vars.put(var, conn);
            return conn;
        }
        boolean buffer = List.of("MAPIAllocateBuffer", "MAPIAllocateMore", "HrQueryAllRows", "HrGetOneProp")
                .contains(c.name());
        String h = buffer ? "buf:" + ++nextBuf : "obj:" + ++nextObj;
        vars.put(var, h);
        String created = CREATES.get(c.name());
        if (created != null) {
            declaredIface.put(var, created);
        } else if (c.name().equals("QueryInterface")
                && !c.args().isEmpty()
                && c.args().get(0) instanceof Name riid
                && riid.name().startsWith("IID_")) {
            declaredIface.put(var, riid.name().substring(4));
        }
        return h;
    }

    /** An argument as a trace value; a flag argument must be a flag word the trace format can read. */
    private Object value(String param, Expr a, Call c) {
        Object v = rawValue(param, a, c);
        if ((param.endsWith("Flags") || param.equals("ulEventMask")) && v instanceof String s) {
            try {
                MapiNames.parseFlags(s);
            } catch (IllegalArgumentException e) {
                throw error(c.at(), "cannot read the flags of " + c.name() + "(" + param + "): " + e.getMessage());
            }
        }
        return v;
    }

    private Object rawValue(String param, Expr a, Call c) {
        if (a instanceof AddrOf addr && addr.of() instanceof Name v) {
            Expr init = values.get(v.name());
            return init == null ? 0L : value(param, init, c);
        }
        if (a instanceof Null) {
            return null;
        }
        if (a instanceof Num n) {
            return n.value();
        }
        if (a instanceof Str s) {
            return s.value();
        }
        if (a instanceof Name n) {
            Object h = vars.get(n.name());
            if (h != null) {
                return h;
            }
            if (n.name().startsWith("IID_")) {
                return n.name();
            }
            if (MapiNames.flag(n.name()).isPresent()) {
                return n.name();
            }
            if (values.get(n.name()) != null) {
                return value(param, values.get(n.name()), c);
            }
            if (BUFFER_PARAMS.contains(param)) {
                String fresh = "buf:" + ++nextBuf;
                vars.put(n.name(), fresh);
                held.add(new String[] {fresh, "buffer", n.name()});
                return fresh;
            }
            if (OBJECT_PARAMS.contains(param)) {
                return handleOf(
                        n.name(),
                        switch (param) {
                            case "lpTable" -> "IMAPITable";
                            case "lpAdviseSink" -> "IMAPIAdviseSink";
                            default -> "IUnknown";
                        });
            }
            if (param.endsWith("Flags") || param.equals("ulEventMask")) {
                throw error(n.at(), "unknown flag '" + n.name() + "' in " + c.name() + "(" + param + ")");
            }
            return n.name();
        }
        if (a instanceof Or or) {
            List<String> parts = new ArrayList<>();
            for (Expr e : or.parts()) {
                Object v = e instanceof Null ? Long.valueOf(0) : rawValue(param, e, c);
                parts.add(
                        v instanceof Number num
                                ? "0x" + Long.toHexString(num.longValue()).toUpperCase(Locale.ROOT)
                                : String.valueOf(v));
            }
            return String.join("|", parts);
        }
        return null;
    }
}
