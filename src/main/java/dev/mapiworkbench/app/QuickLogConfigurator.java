package dev.mapiworkbench.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Configures Logback in code, found by Logback's ServiceLoader before any XML (decision 0063):
 * {@code dev.mapiworkbench} at INFO, everything else at WARN, to standard error as
 * {@code HH:mm:ss.SSS LEVEL [thread] logger - message}. The same output the former
 * {@code logback.xml} gave, without the XML parser, the model processor and the pattern compiler
 * on the start-up path (about a tenth of a second before JavaFX starts). A person who wants other
 * logging passes {@code -Dlogback.configurationFile=...}; this configurator then steps aside and
 * Logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class QuickLogConfigurator extends ContextAwareBase implements Configurator {

    /** Logback's system property naming a configuration file. */
    static final String CONFIG_FILE_PROPERTY = "logback.configurationFile";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("dev.mapiworkbench").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code HH:mm:ss.SSS LEVEL [thread] logger - message}, then the stack trace if any. */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            LocalTime time = LocalTime.ofInstant(event.getInstant(), ZoneId.systemDefault());
            two(line, time.getHour()).append(':');
            two(line, time.getMinute()).append(':');
            two(line, time.getSecond()).append('.');
            int millis = time.getNano() / 1_000_000;
            line.append(millis < 100 ? (millis < 10 ? "00" : "0") : "")
                    .append(millis)
                    .append(' ');
            String level = event.getLevel().toString();
            line.append(level);
            for (int i = level.length(); i < 5; i++) {
                line.append(' ');
            }
            line.append(" [")
                    .append(event.getThreadName())
                    .append("] ")
                    .append(event.getLoggerName())
                    .append(" - ")
                    .append(event.getFormattedMessage())
                    .append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                line.append(ThrowableProxyUtil.asString(error)).append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }

        private static StringBuilder two(StringBuilder line, int value) {
            return line.append(value < 10 ? "0" : "").append(value);
        }
    }
}
