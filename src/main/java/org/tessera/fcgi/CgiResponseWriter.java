package org.tessera.fcgi;

import java.nio.charset.StandardCharsets;
import org.tessera.http.Header;
import org.tessera.http.HttpResponse;

/**
 * Serialises an {@link HttpResponse} as a CGI response (Status line, headers, blank line, body),
 * which the web server turns into HTTP. HEAD keeps every header, Content-Length included, and
 * drops the body. The head is built as bytes; the body is never copied (the FastCGI generator
 * sends it as a slice of the response's own array).
 */
public final class CgiResponseWriter {
    private CgiResponseWriter() {}

    /** Status line, headers and the blank line, encoded, after {@code reserve} leading bytes left free. */
    static byte[] head(HttpResponse response, int reserve) {
        String status = Integer.toString(response.status());
        String reason = HttpResponse.reason(response.status());
        int size = reserve + "Status: ".length() + status.length() + 1 + reason.length() + 2 + 2;
        for (Header h : response.headers()) {
            if (!ascii(h.name()) || !ascii(h.value())) return utf8Head(response, reserve);
            size += h.name().length() + 2 + h.value().length() + 2;
        }
        byte[] out = new byte[size];
        int p = put(out, reserve, "Status: ");
        p = put(out, p, status);
        out[p++] = ' ';
        p = put(out, p, reason);
        p = crlf(out, p);
        for (Header h : response.headers()) {
            p = put(out, p, h.name());
            out[p++] = ':';
            out[p++] = ' ';
            p = put(out, p, h.value());
            p = crlf(out, p);
        }
        crlf(out, p);
        return out;
    }

    /** The whole CGI response as one array (tests and tools; the server sends head and body as slices). */
    public static byte[] toCgi(HttpResponse response, boolean head) {
        byte[] h = head(response, 0);
        byte[] body = head ? new byte[0] : response.body(); // a copy of a lent body: tools only
        byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private static boolean ascii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    private static int put(byte[] out, int p, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) out[p + i] = (byte) s.charAt(i); // ASCII, checked before
        return p + n;
    }

    private static int crlf(byte[] out, int p) {
        out[p] = '\r';
        out[p + 1] = '\n';
        return p + 2;
    }

    private static byte[] utf8Head(HttpResponse response, int reserve) {
        StringBuilder text = new StringBuilder(256)
                .append("Status: ").append(response.status()).append(' ')
                .append(HttpResponse.reason(response.status())).append("\r\n");
        for (Header h : response.headers()) {
            text.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        text.append("\r\n");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[reserve + bytes.length];
        System.arraycopy(bytes, 0, out, reserve, bytes.length);
        return out;
    }
}
