package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.app.cli.HeadlessCommand.BadArgument;
import dev.mapiworkbench.client.ClientSessions;
import dev.mapiworkbench.client.ProfileFolders;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.WhatIf;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The headless command's arguments checked before logon (nothing needs MAPI): ranges, modes and plans, what-if
 * steps, the flags that do not apply to a plan, the profile folder, the transcript target, the .eml files, the
 * SMTP password's source and the backend; the result is the {@link TeardownRequest} to run. Saturates
 * {@code --timeout} at {@link HeadlessCommand#MAX_TIMEOUT_SECONDS} in the command.
 */
final class HeadlessArguments {

    private final HeadlessCommand c;
    private final Map<String, String> env;
    private final Console console;

    /** {@code env} and {@code console}: where an SMTP password could come from. */
    HeadlessArguments(HeadlessCommand command, Map<String, String> env, Console console) {
        this.c = command;
        this.env = env;
        this.console = console;
    }

    /** The request the arguments describe; a {@link BadArgument} names the first bad one. */
    TeardownRequest request() {
        if (c.common.profile() == null) {
            throw new BadArgument("missing required option --profile DIR");
        }
        if (c.common.profile().toString().isBlank()) {
            throw new BadArgument("--profile must name a folder, not an empty string");
        }
        if (c.common.noLogon()) {
            throw new BadArgument("--no-logon is an option of the window, not of --headless");
        }
        String v = c.common.validate() != null ? c.common.validate() : c.callTimeout.validate();
        if (v != null) {
            throw new BadArgument(v);
        }
        if (c.send < 0) {
            throw new BadArgument("--send must be 0 or more, not " + c.send);
        }
        if (!(c.timeoutSeconds >= 0)) {
            throw new BadArgument("--timeout must be 0 or more seconds, not " + c.timeoutSeconds);
        }
        if (c.timeoutSeconds > HeadlessCommand.MAX_TIMEOUT_SECONDS) {
            c.timeoutSeconds = HeadlessCommand.MAX_TIMEOUT_SECONDS; // saturate: longer waits are the same as 365 days
        }
        Mode mode = OptionValues.choice(
                "--logoff", c.logoff, Mode::parse, "now, after-sending or critical-error", BadArgument::new);
        Plan p = OptionValues.choice("--plan", c.plan, Plan::parse, "desktop or ce", BadArgument::new);
        List<WhatIf.Move> moves = new ArrayList<>();
        for (String m : c.whatIfMove) {
            String[] parts = m.split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new BadArgument(OptionValues.invalid("--what-if-move", m, "expected STEP:AFTER"));
            }
            moves.add(new WhatIf.Move(step("--what-if-move", parts[0]), step("--what-if-move", parts[1])));
        }
        Set<StepId> skip = EnumSet.noneOf(StepId.class);
        c.whatIfSkip.forEach(s -> skip.add(step("--what-if-skip", s)));
        Set<StepId> force = EnumSet.noneOf(StepId.class);
        c.whatIfForce.forEach(s -> force.add(step("--what-if-force", s)));
        WhatIf whatIf = new WhatIf(skip, moves, force);
        if (c.common.logoffFlags() != null && (p == Plan.CE || mode == Mode.CRITICAL_ERROR)) {
            throw new BadArgument("--logoff-flags: "
                    + (p == Plan.CE
                            ? "the CE plan calls IMAPISession::Logoff(0, 0, 0)"
                            : "a critical error logs off with 0")
                    + ", so raw Logoff flags do not apply");
        }
        if (c.common.strict8Steps() && p == Plan.CE) {
            throw new BadArgument("--strict-8-steps: the CE plan has no store-logoff step to leave out");
        }
        TeardownRequest req = new TeardownRequest(
                        p,
                        mode,
                        c.allowUi,
                        c.common.shared(),
                        false,
                        whatIf,
                        Duration.ofMillis(Math.round(c.timeoutSeconds * 1000)))
                .withStrict8Steps(c.common.strict8Steps())
                .withRawLogoffFlags(c.common.logoffFlags());
        try {
            TeardownEngine.executedSteps(req);
        } catch (IllegalArgumentException e) {
            String opt = c.whatIfForce.isEmpty()
                    ? (c.whatIfMove.isEmpty() ? "--what-if-skip" : "--what-if-move")
                    : "--what-if-force";
            throw new BadArgument(opt + ": " + e.getMessage());
        }
        String folder = ProfileFolders.problem(c.common.profile());
        if (folder != null) {
            throw new BadArgument("--profile " + c.common.profile() + ": " + folder);
        }
        checkTranscriptTarget();
        for (Path f : c.importEml) {
            if (!Files.isReadable(f)) {
                throw new BadArgument("--import-eml: cannot read '" + f + "'");
            }
        }
        if ((c.exportEml == null) != (c.exportTo == null)) {
            throw new BadArgument(
                    c.exportEml == null
                            ? "--export-to needs --export-eml WHICH"
                            : "--export-eml needs --export-to FILE");
        }
        if (c.exportTo != null
                && c.exportTo.toAbsolutePath().getParent() != null
                && !Files.isDirectory(c.exportTo.toAbsolutePath().getParent())) {
            throw new BadArgument("--export-to: the folder of '" + c.exportTo + "' does not exist");
        }
        if (c.common.smtp().user() != null
                && c.common.smtp().settings().isPresent()
                && console == null
                && (env.get(SmtpOptions.PASSWORD_ENV) == null
                        || env.get(SmtpOptions.PASSWORD_ENV).isEmpty())) {
            throw new BadArgument("--smtp-user " + c.common.smtp().user() + " needs a password: set "
                    + SmtpOptions.PASSWORD_ENV + " or run in a terminal to be asked");
        }
        if (c.common.backend() != null) {
            OptionValues.parse("--backend", c.common.backend(), ClientSessions::resolve, BadArgument::new);
        }
        return req;
    }

    /**
     * One rule for every c.transcript file (text or JSON): its folder must exist and be writable, and an
     * existing file there must be a writable regular file; checked before logon, nothing is created.
     */
    private void checkTranscriptTarget() {
        if (c.transcript == null || "-".equals(c.transcript)) {
            return;
        }
        if (c.transcript.isBlank()) {
            throw new BadArgument("--transcript must name a file or -, not an empty string");
        }
        Path file;
        try {
            file = Path.of(c.transcript).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BadArgument("--transcript " + c.transcript + ": not a valid path (" + e.getReason() + ")");
        }
        Path parent = file.getParent();
        if (Files.isDirectory(file)) {
            throw new BadArgument("--transcript " + c.transcript + ": is a folder, not a file");
        }
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new BadArgument("--transcript " + c.transcript + ": " + parent + " is not a folder");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadArgument(
                    "--transcript " + c.transcript + ": the folder " + parent + " does not exist (create it first)");
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new BadArgument("--transcript " + c.transcript + ": permission denied");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new BadArgument("--transcript " + c.transcript + ": is not a regular file");
        }
    }

    private static StepId step(String option, String text) {
        return OptionValues.parse(option, text, StepId::parse, BadArgument::new);
    }
}
