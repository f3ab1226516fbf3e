package org.tessera.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.net.SyslogAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback from LOGFILE and VERBOSITY, replacing whatever logback.xml set up, so an
 * iipsrv deployment's environment keeps working unchanged.
 *
 * <p>LOGFILE: a path (appended to), {@code syslog} (local syslog over UDP, facility USER), or
 * {@code -}, {@code /dev/stdout}, {@code /dev/stderr} for the console, or {@code logback} to keep
 * the configuration given with -Dlogback.configurationFile. A file that cannot be
 * opened falls back to stderr with a warning (iipsrv silently stops logging instead).
 *
 * <p>VERBOSITY: 0 off; 1 INFO (startup, warnings, errors); 2 also one INFO line per request
 * (the router checks the verbosity itself); 3-4 DEBUG; 5 and more TRACE.
 */
public final class LoggingSetup {
    public static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";
    public static final String OWN_CONFIGURATION = "logback";
    static final String SYSLOG_PATTERN = "tessera: %logger{0} - %msg";

    private LoggingSetup() {
    }

    /** Applies the configuration; returns a description of where logging now goes, for the banner. */
    public static String configure(Config config) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        // LOGFILE=logback: the operator supplies -Dlogback.configurationFile and wants it kept.
        if (config.logFile().equals(OWN_CONFIGURATION)) return "logback configuration";
        ctx.reset();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(config.verbosity()));
        // spymemcached reports every reconnection attempt; Tessera's own rate-limited warning says
        // what matters (requests are being served from the image). Its detail is there from VERBOSITY 3.
        ctx.getLogger("net.spy.memcached").setLevel(config.verbosity() >= 3 ? Level.INFO : Level.ERROR);
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
            appender = syslog(ctx);
            description = "syslog";
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

    private static Appender<ILoggingEvent> syslog(LoggerContext ctx) {
        SyslogAppender a = new SyslogAppender();
        a.setContext(ctx);
        a.setName("syslog");
        a.setSyslogHost("localhost");
        a.setFacility("USER");
        a.setSuffixPattern(SYSLOG_PATTERN);
        a.start();
        return a;
    }
}
