package studio.catdog.ui;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's log file, {@code catdog-studio.log} in the app's log folder ({@code Help > Open log folder}):
 * what the app logs at INFO and above, so a user can send it with a problem report. At most 5 MB, then it rolls over
 * to {@code catdog-studio.1.log}; three old files are kept. The command line does not write it (its messages go to
 * the terminal).
 */
final class LogFile {

    /** The current log file's name. */
    static final String NAME = "catdog-studio.log";

    private LogFile() {}

    /**
     * Adds the log file to the root logger, once.
     *
     * @param dir the log folder (created if missing)
     * @return whether the log file is written (false where logback is not the logging back end or the folder
     *     cannot be made: the app runs on without a file)
     */
    static boolean attach(Path dir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("FILE") != null) {
            return true;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            root.warn("no log file: cannot create {}", dir, e);
            return false;
        }
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir.resolve(NAME).toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir.resolve("catdog-studio.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n");
        encoder.start();

        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder);
        file.start();
        root.addAppender(file);
        return true;
    }
}
