package org.tessera.fcgi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.tessera.http.Header;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.http.RequestHandler;

/** Test handler: describes the request it got, so tests can check the mapping end to end. */
final class EchoHandler implements RequestHandler {
    @Override
    public HttpResponse handle(HttpRequest r) {
        if (r.path().endsWith("/boom")) {
            throw new IllegalStateException("handler failure on purpose");
        }
        if (r.path().endsWith("/status")) {
            int status = Integer.parseInt(r.queryString());
            return new HttpResponse(status, List.of(new Header("X-Status", r.queryString())), new byte[0]);
        }
        if (r.path().endsWith("/big")) {
            int n = Integer.parseInt(r.queryString());
            byte[] body = new byte[n];
            for (int i = 0; i < n; i++) {
                body[i] = (byte) (i * 31 + 7);
            }
            return new HttpResponse(200, List.of(new Header("Content-Type", "application/octet-stream"),
                    new Header("Content-Length", Integer.toString(n))), body);
        }
        String text = r.method() + " " + r.requestUri() + "\nquery=" + r.queryString() + "\nscheme=" + r.scheme()
                + "\nhost=" + r.host() + "\nscript=" + r.scriptName() + "\nheaders=" + new TreeMap<>(r.headers())
                + "\nbody=" + new String(r.body(), StandardCharsets.UTF_8);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(200, List.of(new Header("Content-Type", "text/plain"),
                new Header("Content-Length", Integer.toString(body.length))), body);
    }
}
