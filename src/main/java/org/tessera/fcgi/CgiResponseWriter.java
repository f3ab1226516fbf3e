package org.tessera.fcgi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.tessera.http.Header;
import org.tessera.http.HttpResponse;

/**
 * Serialises an {@link HttpResponse} as a CGI response (Status line, headers, blank line, body),
 * which the web server turns into HTTP. HEAD keeps every header, Content-Length included, and
 * drops the body.
 */
public final class CgiResponseWriter {
    private CgiResponseWriter() {}

    public static byte[] toCgi(HttpResponse response, boolean head) {
        StringBuilder text = new StringBuilder(256)
                .append("Status: ").append(response.status()).append(' ')
                .append(HttpResponse.reason(response.status())).append("\r\n");
        for (Header h : response.headers()) {
            text.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        text.append("\r\n");
        byte[] headBytes = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = head ? new byte[0] : response.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream(headBytes.length + body.length);
        out.writeBytes(headBytes);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
