package org.tessera.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.sun.jna.LastErrorException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * LOGFILE=syslog: hands every log line to the local system logger the way syslog(3) does, as a
 * datagram on /dev/log (journald or rsyslog listen there). Like iipsrv: ident "iipsrv" with the
 * pid, facility USER and priority DEBUG, so existing filters (journalctl -t iipsrv, rsyslog
 * programname rules) keep working. Warnings and errors are sent as WARNING and ERR so that
 * {@code journalctl -p warning} finds them.
 *
 * <p>A logger that is down or not keeping up does not block requests: the line is dropped, and
 * the next line that gets through is preceded by a count of the dropped ones.
 */
public final class LocalSyslogAppender extends AppenderBase<ILoggingEvent> {
    public static final Path DEFAULT_SOCKET = Path.of("/dev/log");
    /** Tests point the appender at a socket they own. */
    public static final String SOCKET_PROPERTY = "tessera.syslog.socket";
    public static final String IDENT = "iipsrv";

    private final Path socket;
    private final long pid = ProcessHandle.current().pid();
    private PatternLayout layout;
    private UnixDatagramSender sender;
    private long dropped;
    private boolean warned;

    public LocalSyslogAppender(Path socket) {
        this.socket = socket;
    }

    /** The socket named by the {@value #SOCKET_PROPERTY} system property, else /dev/log. */
    public static Path configuredSocket() {
        String p = System.getProperty(SOCKET_PROPERTY);
        return p == null || p.isBlank() ? DEFAULT_SOCKET : Path.of(p);
    }

    public Path socket() { return socket; }

    @Override
    public void start() {
        layout = new PatternLayout();
        layout.setContext(getContext());
        layout.setPattern("%msg%ex");
        layout.start();
        try {
            sender = new UnixDatagramSender(socket);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            addError("cannot create a Unix datagram socket for syslog: " + e.getMessage());
            return;
        }
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (sender != null) sender.close();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String text = layout.doLayout(event).stripTrailing();
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault());
        if (dropped > 0 && deliver(new SyslogMessage(SyslogMessage.FACILITY_USER, SyslogMessage.SEVERITY_WARNING, time,
                IDENT, pid, dropped + " log lines were dropped: the system logger was unavailable or too slow"))) {
            dropped = 0;
        }
        if (!deliver(new SyslogMessage(SyslogMessage.FACILITY_USER, severity(event.getLevel()), time, IDENT, pid, text))) {
            dropped++;
        }
    }

    private boolean deliver(SyslogMessage message) {
        try {
            sender.send(message.bytes());
            return true;
        } catch (LastErrorException e) {
            if (!warned) {
                warned = true; // once: stderr is the only place left to say it
                System.err.println("tessera: cannot write to the system logger at " + socket + " (errno "
                        + e.getErrorCode() + "); log lines are dropped while it is unavailable");
            }
            return false;
        }
    }

    static int severity(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) return SyslogMessage.SEVERITY_ERR;
        if (level.isGreaterOrEqual(Level.WARN)) return SyslogMessage.SEVERITY_WARNING;
        return SyslogMessage.SEVERITY_DEBUG;
    }
}
