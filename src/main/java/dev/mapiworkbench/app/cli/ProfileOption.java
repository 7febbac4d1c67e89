package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.teardown.RuleCatalogue;
import picocli.CommandLine.Option;

/**
 * {@code --profile-rules NAME} and {@code --help}, shared by {@code lint}, {@code rules} and {@code replay}
 * (a picocli mixin).
 */
public class ProfileOption {

    @Option(
            names = "--profile-rules",
            paramLabel = "NAME",
            description = "Documentation profile: outlook-2010+ (default, every rule) or seed-8-steps (only the "
                    + "page the seeds quote).")
    String profile = RuleCatalogue.Profile.OUTLOOK_2010.id();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    /** The chosen profile; a bad name is bad input naming the option. */
    public RuleCatalogue.Profile profile() {
        return LintCommand.profile(profile);
    }
}
