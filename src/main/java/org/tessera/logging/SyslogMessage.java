package org.tessera.logging;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One message in the form syslog(3) of the GNU C library writes to /dev/log:
 * {@code <PRI>Mmm dd hh:mm:ss IDENT[PID]: TEXT}, PRI = facility * 8 + severity, local time.
 */
record SyslogMessage(int facility, int severity, LocalDateTime time, String ident, long pid, String text) {
    static final int FACILITY_USER = 1;
    static final int SEVERITY_ERR = 3;
    static final int SEVERITY_WARNING = 4;
    static final int SEVERITY_DEBUG = 7;
    /** rsyslog and journald both take larger ones, but a log line that long is a mistake: cut it. */
    static final int MAX_BYTES = 16 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.US);

    byte[] bytes() {
        String line = "<" + (facility * 8 + severity) + ">" + STAMP.format(time) + " " + ident + "[" + pid + "]: " + text;
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_BYTES) return b;
        return java.util.Arrays.copyOf(b, MAX_BYTES);
    }
}
