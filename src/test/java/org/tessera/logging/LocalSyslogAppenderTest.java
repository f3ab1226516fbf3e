package org.tessera.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.EnvConfig;
import org.tessera.config.LoggingSetup;
import org.tessera.testing.UnixDatagramReceiver;

/** LOGFILE=syslog: the lines arrive on a Unix datagram socket in syslog(3)'s format, as iipsrv's. */
class LocalSyslogAppenderTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    // <PRI>Mmm dd hh:mm:ss iipsrv[pid]: text
    private static final Pattern LINE = Pattern.compile(
            "<(\\d+)>([A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d) iipsrv\\[(\\d+)\\]: (.*)", Pattern.DOTALL);

    @TempDir
    Path dir;

    @AfterEach
    void restoreDefaultLogging() throws Exception {
        System.clearProperty(LocalSyslogAppender.SOCKET_PROPERTY);
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    private static String configure(Path socket, String verbosity) {
        System.setProperty(LocalSyslogAppender.SOCKET_PROPERTY, socket.toString());
        return LoggingSetup.configure(EnvConfig.parse(Map.of("LOGFILE", "syslog", "VERBOSITY", verbosity)));
    }

    private static Matcher parse(String datagram) {
        Matcher m = LINE.matcher(datagram);
        assertTrue(m.matches(), "not in syslog(3) form: " + datagram);
        return m;
    }

    @Test
    void linesArriveWithIdentPidFacilityUserAndIipsrvsPriorities() throws Exception {
        Path socket = dir.resolve("log.sock");
        try (UnixDatagramReceiver receiver = UnixDatagramReceiver.bind(socket)) {
            assertEquals("syslog " + socket, configure(socket, "1"));
            Logger log = LoggerFactory.getLogger("test.syslog");
            log.info("Initialisation Complete.");
            log.warn("a warning");
            log.error("an error", new IllegalStateException("boom"));
            log.debug("not at verbosity 1");

            Matcher info = parse(receiver.receive(WAIT).orElseThrow());
            assertEquals(1 * 8 + 7, Integer.parseInt(info.group(1))); // user.debug, as iipsrv's every line
            assertEquals(ProcessHandle.current().pid(), Long.parseLong(info.group(3)));
            assertEquals("Initialisation Complete.", info.group(4));
            Matcher warn = parse(receiver.receive(WAIT).orElseThrow());
            assertEquals(1 * 8 + 4, Integer.parseInt(warn.group(1)));
            assertEquals("a warning", warn.group(4));
            Matcher error = parse(receiver.receive(WAIT).orElseThrow());
            assertEquals(1 * 8 + 3, Integer.parseInt(error.group(1)));
            assertTrue(error.group(4).startsWith("an error"), error.group(4));
            assertTrue(error.group(4).contains("java.lang.IllegalStateException: boom"), error.group(4));
            assertTrue(receiver.receive(Duration.ofMillis(300)).isEmpty(), "DEBUG line sent at VERBOSITY 1");
        }
    }

    @Test
    void aLoggerThatComesBackReceivesAgainAndLearnsOfTheLoss() throws Exception {
        Path socket = dir.resolve("later.sock");
        assertEquals("syslog " + socket, configure(socket, "1"));
        Logger log = LoggerFactory.getLogger("test.syslog");
        log.info("lost 1"); // nobody listens yet (as while journald restarts): dropped, no exception
        log.info("lost 2");
        try (UnixDatagramReceiver receiver = UnixDatagramReceiver.bind(socket)) {
            log.info("after the restart");
            List<String> got = receiver.receiveUntil("after the restart", WAIT);
            assertEquals(2, got.size(), got.toString());
            assertEquals("2 log lines were dropped: the system logger was unavailable or too slow", parse(got.get(0)).group(4));
            assertEquals("after the restart", parse(got.get(1)).group(4));
        }
    }

    @Test
    void messageBytesAreThoseOfSyslog3() {
        SyslogMessage m = new SyslogMessage(1, 7, LocalDateTime.of(2026, 3, 5, 7, 8, 9), "iipsrv", 42, "Hello");
        assertEquals("<15>Mar  5 07:08:09 iipsrv[42]: Hello", new String(m.bytes(), StandardCharsets.UTF_8));
        SyslogMessage d = new SyslogMessage(1, 3, LocalDateTime.of(2026, 12, 15, 17, 0, 0), "iipsrv", 7, "x");
        assertEquals("<11>Dec 15 17:00:00 iipsrv[7]: x", new String(d.bytes(), StandardCharsets.UTF_8));
    }
}
