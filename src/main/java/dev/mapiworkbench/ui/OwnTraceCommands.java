package dev.mapiworkbench.ui;

import dev.mapiworkbench.trace.CppEmitter;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceWriter;
import dev.mapiworkbench.ui.TeardownGateway.RunningTeardown;
import dev.mapiworkbench.ui.teardown.OwnTraceButtons;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the teardown summary's "Copy as C++" and "Export as trace…" do with the finished run (issue #15,
 * docs/trace.md "Own runs"): the session's own trace ({@link RunningTeardown#ownTrace}, logon to
 * MAPIUninitialize) rendered by {@link CppEmitter} onto the clipboard, or written by {@link TraceWriter} to a
 * file; both off the FX thread, the result in the log.
 */
final class OwnTraceCommands {

    private final ViewModelContext ctx;
    private final Supplier<RunningTeardown> running;

    OwnTraceCommands(ViewModelContext ctx, Supplier<RunningTeardown> running) {
        this.ctx = ctx;
        this.running = running;
    }

    /** Sets the buttons' actions. */
    void bind(OwnTraceButtons buttons) {
        buttons.onCopyCppProperty().set(this::copyCpp);
        buttons.onExportTraceProperty().set(this::exportTrace);
    }

    private Optional<Trace> trace() {
        RunningTeardown r = running.get();
        return r == null ? Optional.empty() : r.ownTrace();
    }

    /** "Copy as C++": the whole session as one C++ function, on the clipboard. */
    void copyCpp() {
        Optional<Trace> trace = trace();
        if (trace.isEmpty()) {
            ctx.log("No finished run to copy as C++");
            return;
        }
        ctx.executor()
                .submit(
                        "copy as C++",
                        () -> CppEmitter.emit(trace.get()),
                        (String code) -> {
                            ctx.dialogs().copyToClipboard(code);
                            ctx.log("Copied the session as C++: "
                                    + trace.get().calls().size() + " calls, logon to the end of the teardown");
                        },
                        error -> ctx.dialogs()
                                .showError("Could not render the session as C++: " + error.getMessage(), error));
    }

    /** {@code prefix + yyyyMMdd-HHmmss + suffix}, the suggested name of an exported file. */
    static String stampedName(String prefix, String suffix) {
        return prefix
                + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + suffix;
    }

    /** "Export as trace…": the whole session as a trace file. */
    void exportTrace() {
        Optional<Trace> trace = trace();
        if (trace.isEmpty()) {
            ctx.log("No finished run to export as a trace");
            return;
        }
        String name = stampedName("own-run-", ".jsonl");
        ctx.dialogs()
                .chooseTraceSaveFile(name)
                .ifPresent(path -> ctx.executor()
                        .submit(
                                "export trace",
                                () -> {
                                    TraceWriter.write(trace.get(), path);
                                    return path;
                                },
                                (Path p) -> ctx.log("Trace written to " + p + " ("
                                        + trace.get().calls().size() + " calls)"),
                                error -> ctx.dialogs()
                                        .showError("Could not write the trace: " + error.getMessage(), error)));
    }
}
