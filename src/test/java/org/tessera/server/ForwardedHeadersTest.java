package org.tessera.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;

/** X-Forwarded-* and X-IIIF-ID shape info.json (which caches keep): honoured only when the operator trusts them. */
class ForwardedHeadersTest {
    private static final Path IMAGES = Path.of("test-images").toAbsolutePath();
    private static final Map<String, String> FORGED = Map.of("host", "images.example.org",
            "x-forwarded-host", "evil.example", "x-forwarded-proto", "https", "x-forwarded-prefix", "/phish");

    private static Tessera tessera(boolean trusted) {
        Map<String, String> env = new HashMap<>();
        env.put("FILESYSTEM_PREFIX", IMAGES + "/");
        env.put("URI_MAP", "iiif=>IIIF");
        env.put("VERBOSITY", "0");
        if (trusted) env.put("TESSERA_TRUST_FORWARDED", "1");
        return Tessera.create(EnvConfig.parse(env));
    }

    private static HttpResponse get(Tessera t, String uri, Map<String, String> headers) {
        return t.handler().handle(HttpRequest.get(uri, headers));
    }

    @Test
    void untrustedForwardingHeadersAreIgnored() {
        Tessera t = tessera(false);
        HttpResponse info = get(t, "/iiif/pattern.tif/info.json", FORGED);
        assertEquals(200, info.status());
        assertTrue(info.bodyText().contains("\"id\" : \"http://images.example.org/iiif/pattern.tif\""), info.bodyText());
        HttpResponse redirect = get(t, "/iiif/pattern.tif", Map.of("host", "images.example.org", "x-iiif-id", "https://evil.example/x"));
        assertEquals("http://images.example.org/iiif/pattern.tif/info.json", redirect.header("Location").orElseThrow());
    }

    @Test
    void trustedForwardingHeadersAreHonoured() {
        Tessera t = tessera(true);
        HttpResponse info = get(t, "/iiif/pattern.tif/info.json", FORGED);
        assertTrue(info.bodyText().contains("\"id\" : \"https://evil.example/phish/iiif/pattern.tif\""), info.bodyText());
        HttpResponse redirect = get(t, "/iiif/pattern.tif", Map.of("host", "images.example.org", "x-iiif-id", "https://cdn.example/x"));
        assertEquals("https://cdn.example/x/info.json", redirect.header("Location").orElseThrow());
    }
}
