package org.tessera.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import org.slf4j.LoggerFactory;
import org.tessera.logging.LocalSyslogAppender;

/**
 * Configures Logback from LOGFILE and VERBOSITY, replacing whatever logback.xml set up, so an
 * iipsrv deployment's environment keeps working unchanged.
 *
 * <p>LOGFILE: a path (appended to; rotate it with logrotate's copytruncate: every write goes to
 * the end of the file, O_APPEND), {@code syslog} (the local system logger through /dev/log, as
 * iipsrv: see {@link LocalSyslogAppender}), or
 * {@code -}, {@code /dev/stdout}, {@code /dev/stderr} for the console, or {@code logback} to keep
 * the configuration given with -Dlogback.configurationFile. A file that cannot be
 * opened falls back to stderr with a warning (iipsrv silently stops logging instead).
 *
 * <p>Messages are written with control characters escaped ({@link LogEscaping}): a client cannot
 * forge log lines with a CR/LF in an identifier.
 *
 * <p>VERBOSITY: 0 off; 1 INFO (startup, warnings, errors); 2 also one INFO line per request
 * (the router checks the verbosity itself); 3-4 DEBUG; 5 and more TRACE.
 */
public final class LoggingSetup {
    public static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %emsg%n%eex";
    public static final String OWN_CONFIGURATION = "logback";

    private LoggingSetup() {
    }

    /** Applies the configuration; returns a description of where logging now goes, for the banner. */
    public static String configure(Config config) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        // LOGFILE=logback: the operator supplies -Dlogback.configurationFile and wants it kept.
        if (config.logFile().equals(OWN_CONFIGURATION)) return "logback configuration";
        ctx.reset();
        registerEscapingConverters(ctx);
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(config.verbosity()));
        if (config.verbosity() <= 0) return "off";

        String target = config.logFile();
        String description;
        String warning = null;
        Appender<ILoggingEvent> appender;
        if (target.equals("-") || target.equals("/dev/stdout")) {
            appender = console(ctx, "System.out");
            description = "stdout";
        } else if (target.equals("/dev/stderr")) {
            appender = console(ctx, "System.err");
            description = "stderr";
        } else if (target.equalsIgnoreCase("syslog")) {
            LocalSyslogAppender syslog = syslog(ctx);
            appender = syslog;
            description = "syslog " + syslog.socket();
            if (!syslog.isStarted()) {
                appender = console(ctx, "System.err");
                description = "stderr";
                warning = "Cannot reach the system logger at " + syslog.socket() + "; logging to stderr instead";
            }
        } else if (canAppend(target)) {
            appender = file(ctx, target);
            description = "file " + target;
        } else {
            appender = console(ctx, "System.err");
            description = "stderr";
            warning = "Cannot open log file '" + target + "' for appending; logging to stderr instead";
        }
        root.addAppender(appender);
        if (warning != null) root.warn(warning);
        return description;
    }

    /** Makes {@code %emsg} and {@code %eex} known to every pattern of this context. */
    @SuppressWarnings("unchecked")
    static void registerEscapingConverters(LoggerContext ctx) {
        Map<String, Supplier<DynamicConverter<?>>> rules =
                (Map<String, Supplier<DynamicConverter<?>>>) ctx.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (rules == null) {
            rules = new HashMap<>();
            ctx.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        rules.put("emsg", LogEscaping.Message::new);
        rules.put("eex", LogEscaping.Throwable::new);
    }

    static Level level(int verbosity) {
        if (verbosity <= 0) return Level.OFF;
        if (verbosity <= 2) return Level.INFO;
        if (verbosity <= 4) return Level.DEBUG;
        return Level.TRACE;
    }

    private static boolean canAppend(String path) {
        File f = new File(path);
        if (f.isDirectory()) return false;
        try (FileOutputStream ignored = new FileOutputStream(f, true)) {
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx) {
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern(PATTERN);
        enc.start();
        return enc;
    }

    private static Appender<ILoggingEvent> console(LoggerContext ctx, String target) {
        ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
        a.setContext(ctx);
        a.setName("console");
        a.setTarget(target);
        a.setEncoder(encoder(ctx));
        a.start();
        return a;
    }

    private static Appender<ILoggingEvent> file(LoggerContext ctx, String path) {
        FileAppender<ILoggingEvent> a = new FileAppender<>();
        a.setContext(ctx);
        a.setName("file");
        a.setFile(path);
        a.setAppend(true);
        a.setEncoder(encoder(ctx));
        a.start();
        return a;
    }

    private static LocalSyslogAppender syslog(LoggerContext ctx) {
        LocalSyslogAppender a = new LocalSyslogAppender(LocalSyslogAppender.configuredSocket());
        a.setContext(ctx);
        a.setName("syslog");
        a.start();
        return a;
    }
}
