package dev.mapiworkbench.trace;

import dev.mapiworkbench.trace.CppTokens.Token;
import java.util.List;

/** The expression tree {@link CppExpressions} builds: what {@link CppCalls} turns into trace calls. */
sealed interface CppExpr {

    record Name(String name, Token at) implements CppExpr {}

    record Num(long value) implements CppExpr {}

    record Str(String value) implements CppExpr {}

    record Null() implements CppExpr {}

    record AddrOf(CppExpr of) implements CppExpr {}

    record Deref(CppExpr of) implements CppExpr {}

    record Or(List<CppExpr> parts) implements CppExpr {}

    /** {@code f(args)} ({@code target} null) or {@code target->f(args)}. */
    record Call(String target, String name, List<CppExpr> args, Token at) implements CppExpr {}

    /** A brace initialiser, {@code {MAPI_INIT_VERSION, MAPI_MULTITHREAD_NOTIFICATIONS}} (a MAPIINIT_0). */
    record InitList(List<CppExpr> items) implements CppExpr {}

    /** Anything else the calls inside of which still count (comparisons, negation, arithmetic). */
    record Other(String text, List<CppExpr> inner) implements CppExpr {}
}
