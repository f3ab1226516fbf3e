package org.tessera.config;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * Log lines carry text chosen by clients (identifiers, URIs, header values). A CR or LF in such
 * text would start a forged line that a reader or a log parser takes for the server's own, so
 * every message, and every exception message, is written with control characters escaped:
 * {@code \r}, {@code \n}, {@code \t}, and {@code \xNN} / {@code \\uNNNN} for the rest (C0, DEL, C1 and
 * the Unicode line and paragraph separators). Registered as {@code %emsg} and {@code %eex}.
 */
public final class LogEscaping {
    private LogEscaping() {
    }

    public static String escape(String s) {
        if (s == null) return null;
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i))) i++;
        if (i == s.length()) return s;
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
    }

    /** {@code %emsg}: the formatted message, escaped. */
    public static final class Message extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return escape(event.getFormattedMessage());
        }
    }

    /** {@code %eex}: the stack trace, with the exception messages in it escaped (its own line breaks stay). */
    public static final class Throwable extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return super.throwableProxyToString(new Escaped(tp));
        }
    }

    private record Escaped(IThrowableProxy tp) implements IThrowableProxy {
        @Override
        public String getMessage() { return escape(tp.getMessage()); }

        @Override
        public String getOverridingMessage() { return escape(tp.getOverridingMessage()); }

        @Override
        public String getClassName() { return tp.getClassName(); }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() { return tp.getStackTraceElementProxyArray(); }

        @Override
        public int getCommonFrames() { return tp.getCommonFrames(); }

        @Override
        public IThrowableProxy getCause() { return tp.getCause() == null ? null : new Escaped(tp.getCause()); }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] s = tp.getSuppressed();
            if (s == null) return null;
            IThrowableProxy[] out = new IThrowableProxy[s.length];
            for (int i = 0; i < s.length; i++) out[i] = new Escaped(s[i]);
            return out;
        }

        @Override
        public boolean isCyclic() { return tp.isCyclic(); }
    }
}
