package org.tessera.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingSetupTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreDefaultLogging() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    private static Config config(String logFile, String verbosity) {
        return EnvConfig.parse(Map.of("LOGFILE", logFile, "VERBOSITY", verbosity));
    }

    @Test
    void fileIsAppendedToAtTheGivenVerbosity() throws IOException {
        Path log = dir.resolve("tessera.log");
        Files.writeString(log, "earlier line\n");
        assertEquals("file " + log, LoggingSetup.configure(config(log.toString(), "1")));
        Logger l = LoggerFactory.getLogger("test.logging");
        l.info("startup line");
        l.debug("debug line");
        String text = Files.readString(log);
        assertTrue(text.startsWith("earlier line\n"), text);
        assertTrue(text.contains("INFO  [") && text.contains("startup line"), text);
        assertFalse(text.contains("debug line"), text);
        assertTrue(text.matches("(?s).*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*"), text);
    }

    /** logrotate's copytruncate copies the file, then truncates it: the next lines must start at 0, not leave a hole. */
    @Test
    void fileSurvivesCopytruncate() throws IOException {
        Path log = dir.resolve("iipsrv.log");
        LoggingSetup.configure(config(log.toString(), "1"));
        Logger l = LoggerFactory.getLogger("test.logging");
        for (int i = 0; i < 100; i++) l.info("before rotation {}", i);
        long before = Files.size(log);
        assertTrue(before > 5000, "size " + before);
        Files.copy(log, dir.resolve("iipsrv.log.1"));
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.WRITE)) {
            c.truncate(0);
        }
        l.info("after rotation");
        byte[] after = Files.readAllBytes(log);
        assertTrue(after.length < 200, "the file grew from its old end, size " + after.length);
        assertTrue(after[0] != 0 && new String(after, java.nio.charset.StandardCharsets.UTF_8).contains("after rotation"),
                new String(after, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(before, Files.size(dir.resolve("iipsrv.log.1")));
    }

    @Test
    void controlCharactersFromClientsCannotForgeLogLines() throws IOException {
        Path log = dir.resolve("tessera.log");
        LoggingSetup.configure(config(log.toString(), "1"));
        Logger l = LoggerFactory.getLogger("test.logging");
        String identifier = "a.tif\r\n2024-01-01 00:00:00.000 ERROR [main] Main - forged\t\u001b[31m\u2028";
        l.warn("refused {}", identifier);
        l.error("failed", new IllegalStateException("bad id " + identifier, new RuntimeException("cause\nline")));
        java.util.List<String> lines = Files.readAllLines(log);
        assertTrue(lines.get(0).endsWith(" WARN  [main] logging - refused a.tif\\r\\n2024-01-01 00:00:00.000"
                + " ERROR [main] Main - forged\\t\\x1b[31m\\u2028"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" ERROR [main] logging - failed"), lines.get(1));
        assertEquals("java.lang.IllegalStateException: bad id a.tif\\r\\n2024-01-01 00:00:00.000 ERROR [main] Main"
                + " - forged\\t\\x1b[31m\\u2028", lines.get(2));
        assertTrue(lines.stream().anyMatch(x -> x.equals("Caused by: java.lang.RuntimeException: cause\\nline")), lines.toString());
        assertTrue(lines.stream().skip(3).allMatch(x -> x.startsWith("\t") || x.startsWith("Caused by: ")), lines.toString());
        assertEquals("plain text stays as it is: caf\u00e9 \\ 100%", LogEscaping.escape("plain text stays as it is: caf\u00e9 \\ 100%"));
        assertEquals("\\x00\\x7f\\x85", LogEscaping.escape("\u0000\u007f\u0085"));
    }

    @Test
    void theShippedLogbackTemplateEscapesToo() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        ch.qos.logback.classic.joran.JoranConfigurator joran = new ch.qos.logback.classic.joran.JoranConfigurator();
        joran.setContext(ctx);
        joran.doConfigure(Path.of("config/logback.xml").toFile());
        assertFalse(ctx.getStatusManager().getCopyOfStatusList().stream().anyMatch(st -> st.getLevel() >= 2),
                ctx.getStatusManager().getCopyOfStatusList().toString());
        var appender = (ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("console");
        var layout = ((ch.qos.logback.core.encoder.LayoutWrappingEncoder<ch.qos.logback.classic.spi.ILoggingEvent>)
                appender.getEncoder()).getLayout();
        var event = new ch.qos.logback.classic.spi.LoggingEvent("x", ctx.getLogger("t"), Level.WARN, "id {}", null,
                new Object[] {"a\r\nforged"});
        assertTrue(layout.doLayout(event).endsWith(" - id a\\r\\nforged" + System.lineSeparator()), layout.doLayout(event));
    }

    @Test
    void unopenableFileFallsBackToStderr() {
        assertEquals("stderr", LoggingSetup.configure(config(dir.resolve("no/such/dir/x.log").toString(), "1")));
        assertEquals("stderr", LoggingSetup.configure(config(dir.toString(), "1")));
    }

    @Test
    void consoleSyslogAndOff() {
        assertEquals("stdout", LoggingSetup.configure(config("-", "1")));
        assertEquals("stdout", LoggingSetup.configure(config("/dev/stdout", "1")));
        assertEquals("syslog /dev/log", LoggingSetup.configure(config("syslog", "1")));
        assertEquals("off", LoggingSetup.configure(config("-", "0")));
        assertFalse(LoggerFactory.getLogger("x").isErrorEnabled());
        assertEquals("logback configuration", LoggingSetup.configure(config("logback", "3")));
    }

    @Test
    void verbosityLevels() {
        assertEquals(Level.OFF, LoggingSetup.level(0));
        assertEquals(Level.INFO, LoggingSetup.level(1));
        assertEquals(Level.INFO, LoggingSetup.level(2));
        assertEquals(Level.DEBUG, LoggingSetup.level(3));
        assertEquals(Level.DEBUG, LoggingSetup.level(4));
        assertEquals(Level.TRACE, LoggingSetup.level(5));
        assertEquals(Level.TRACE, LoggingSetup.level(6));
        LoggingSetup.configure(config("-", "3"));
        assertTrue(LoggerFactory.getLogger("x").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("x").isTraceEnabled());
    }
}
