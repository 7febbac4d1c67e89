package dev.mapiworkbench;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.RunComparison;
import dev.mapiworkbench.teardown.Severity;
import dev.mapiworkbench.teardown.StepDefinition;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TimeoutChoice;
import dev.mapiworkbench.teardown.TranscriptHistory;
import dev.mapiworkbench.teardown.WhatIf;

/**
 * Keeps the layers one way: {@code app -> ui, teardown, client -> mapi <- sim | win32}, {@code teardown -> trace -> mapi}; ui speaks only the
 * teardown package's value types (never the engine, the client or a backend); only win32 touches JNA; only
 * ui and app touch JavaFX; the mapi model does no I/O (docs/decisions/0001-layers-and-contract.md, 0040).
 */
@AnalyzeClasses(packages = "dev.mapiworkbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule mapiIsTheBottomLayer = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.mapi..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mapiworkbench.sim..",
                    "dev.mapiworkbench.win32..",
                    "dev.mapiworkbench.client..",
                    "dev.mapiworkbench.teardown..",
                    "dev.mapiworkbench.ui..",
                    "dev.mapiworkbench.app..");

    @ArchTest
    static final ArchRule mapiDoesNoIo = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.mapi..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.io..", "java.sql..", "java.net..", "javafx..", "com.sun.jna..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.nio.file.Files");

    @ArchTest
    static final ArchRule backendsKnowOnlyTheModel = noClasses()
            .that()
            .resideInAnyPackage("dev.mapiworkbench.sim..", "dev.mapiworkbench.win32..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mapiworkbench.client..",
                    "dev.mapiworkbench.teardown..",
                    "dev.mapiworkbench.ui..",
                    "dev.mapiworkbench.app..");

    @ArchTest
    static final ArchRule backendsAreIndependent = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.sim..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.mapiworkbench.win32..");

    @ArchTest
    static final ArchRule win32IsIndependent = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.win32..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.mapiworkbench.sim..");

    @ArchTest
    static final ArchRule clientAndTeardownUseOnlyTheModel = noClasses()
            .that()
            .resideInAnyPackage("dev.mapiworkbench.client..", "dev.mapiworkbench.teardown..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mapiworkbench.sim..",
                    "dev.mapiworkbench.win32..",
                    "dev.mapiworkbench.ui..",
                    "dev.mapiworkbench.app..",
                    "javafx..");

    /** The trace format knows only the MAPI model's constants (decision 0130): teardown -> trace -> mapi. */
    @ArchTest
    static final ArchRule traceKnowsOnlyTheModel = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.trace..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mapiworkbench.sim..",
                    "dev.mapiworkbench.win32..",
                    "dev.mapiworkbench.client..",
                    "dev.mapiworkbench.teardown..",
                    "dev.mapiworkbench.ui..",
                    "dev.mapiworkbench.app..",
                    "javafx..");

    @ArchTest
    static final ArchRule uiDoesNotReachBackends = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.mapiworkbench.sim..", "dev.mapiworkbench.win32..");

    /** The seam's one vocabulary: ui may name the teardown value types, never the engine, a run or a transcript. */
    @ArchTest
    static final ArchRule uiSpeaksOnlyTheTeardownValueTypes = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.ui..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.mapiworkbench.teardown..")
                    .and(not(belongToAnyOf(
                            Plan.class,
                            Mode.class,
                            StepId.class,
                            StepStatus.class,
                            StepDefinition.class,
                            Finding.class,
                            Severity.class,
                            TimeoutChoice.class,
                            TeardownRequest.class,
                            WhatIf.class,
                            // the History tab's values (decision 0230); the gateway reads the files
                            RunComparison.class,
                            TranscriptHistory.Entry.class))))
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.mapiworkbench.client..");

    @ArchTest
    static final ArchRule onlyWin32UsesJna = noClasses()
            .that()
            .resideOutsideOfPackage("dev.mapiworkbench.win32..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.sun.jna..");

    @ArchTest
    static final ArchRule onlyUiAndAppUseJavaFx = noClasses()
            .that()
            .resideOutsideOfPackages("dev.mapiworkbench.ui..", "dev.mapiworkbench.app..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..");

    /** The MIME builder (decision 0162) knows only Jakarta Mail: sim, client and app use it, the model does not. */
    @ArchTest
    static final ArchRule mailKnowsNoLayer = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.mail..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mapiworkbench.mapi..",
                    "dev.mapiworkbench.sim..",
                    "dev.mapiworkbench.client..",
                    "dev.mapiworkbench.teardown..",
                    "dev.mapiworkbench.ui..",
                    "dev.mapiworkbench.app..",
                    "dev.mapiworkbench.win32..",
                    "javafx..");

    @ArchTest
    static final ArchRule onlySimClientAndAppSendMail = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.mapiworkbench.mapi..",
                    "dev.mapiworkbench.ui..",
                    "dev.mapiworkbench.win32..",
                    "dev.mapiworkbench.teardown..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..", "dev.mapiworkbench.mail..");

    /**
     * The session report (issue #13 item 7): the Notes pane talks to the session only through its store seam
     * ({@code ui.report.TestSessionStore}); the store and the writer ({@code app.report}) are plain Java, no
     * JavaFX, so the report is the same from a test or a headless caller.
     */
    @ArchTest
    static final ArchRule notesPaneKnowsOnlyItsStore = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.ui.report..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mapiworkbench.app..",
                    "dev.mapiworkbench.teardown..",
                    "dev.mapiworkbench.client..",
                    "dev.mapiworkbench.mapi..");

    @ArchTest
    static final ArchRule reportWriterIsPlainJava = noClasses()
            .that()
            .resideInAPackage("dev.mapiworkbench.app.report..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "dev.mapiworkbench.client..", "dev.mapiworkbench.sim..");
}
