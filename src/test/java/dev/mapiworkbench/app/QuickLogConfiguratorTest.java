package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuickLogConfiguratorTest {

    private final LoggerContext context = new LoggerContext();
    private String savedProperty;

    @BeforeEach
    void clearProperty() {
        // HeadlessMain.run sets it for the whole JVM; these tests need it unset unless they set it
        savedProperty = System.clearProperty(QuickLogConfigurator.CONFIG_FILE_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(QuickLogConfigurator.CONFIG_FILE_PROPERTY);
        } else {
            System.setProperty(QuickLogConfigurator.CONFIG_FILE_PROPERTY, savedProperty);
        }
        context.stop();
    }

    @Test
    void configuresWhatLogbackXmlDid() {
        QuickLogConfigurator configurator = new QuickLogConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.mapiworkbench.app.Workbench").getEffectiveLevel())
                .isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.sqlite.JDBC").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR"))
                .isInstanceOfSatisfying(
                        ConsoleAppender.class, a -> assertThat(a.getTarget()).isEqualTo("System.err"));
    }

    @Test
    void isRegisteredWithLogbacksServiceLoader() {
        assertThat(java.util.ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                        .map(java.util.ServiceLoader.Provider::type))
                .contains(QuickLogConfigurator.class);
    }

    @Test
    void stepsAsideForAnExplicitConfigurationFile() {
        System.setProperty(QuickLogConfigurator.CONFIG_FILE_PROPERTY, "some/other.xml");
        QuickLogConfigurator configurator = new QuickLogConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
                .isNull();
    }

    @Test
    void linesReadLikeTheFormerPattern() {
        ch.qos.logback.classic.Logger logger = context.getLogger("dev.mapiworkbench.app.Demo");
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.INFO, "opened {} objects", null, new Object[] {12});
        Instant at = LocalTime.of(9, 5, 7, 42_000_000)
                .atDate(java.time.LocalDate.of(2026, 11, 22))
                .atZone(ZoneId.systemDefault())
                .toInstant();
        event.setInstant(at);
        event.setThreadName("main");
        QuickLogConfigurator.LineLayout layout = new QuickLogConfigurator.LineLayout();

        assertThat(layout.doLayout(event))
                .isEqualTo("09:05:07.042 INFO  [main] dev.mapiworkbench.app.Demo - opened 12 objects"
                        + System.lineSeparator());

        LoggingEvent failed =
                new LoggingEvent("fqcn", logger, Level.ERROR, "boom", new IllegalStateException("bad state"), null);
        failed.setInstant(at);
        failed.setThreadName("bg");
        assertThat(layout.doLayout(failed))
                .startsWith("09:05:07.042 ERROR [bg] dev.mapiworkbench.app.Demo - boom" + System.lineSeparator())
                .contains("java.lang.IllegalStateException: bad state")
                .contains("QuickLogConfiguratorTest.linesReadLikeTheFormerPattern");
    }
}
