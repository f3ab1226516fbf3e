package org.tessera.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tessera.Version;
import org.tessera.http.Header;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.Responses;

/** The HTML page answered to an empty request; load balancers use it as a health check (200). */
final class InfoPage {
    static final String HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Tessera</title>
            </head>
            <body style="font-family: sans-serif; text-align: center">
            <h1>Tessera</h1>
            <h2>Version {{VERSION}}</h2>
            <p>A tiled image server compatible with IIPImage (iipsrv): IIP, IIIF Image API 2 and 3, Zoomify and DeepZoom.</p>
            </body>
            </html>
            """.replace("{{VERSION}}", Version.number());

    private InfoPage() {
    }

    static HttpResponse response(Responses responses) {
        List<Header> h = responses.base();
        h.add(new Header("Content-Type", "text/html; charset=utf-8"));
        h.add(new Header("Content-Disposition", "inline;filename=\"tessera.html\""));
        h.add(new Header("Cache-Control", "no-cache"));
        return responses.finish(200, h, HTML.getBytes(StandardCharsets.UTF_8));
    }
}
