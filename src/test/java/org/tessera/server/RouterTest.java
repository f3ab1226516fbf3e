package org.tessera.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpError;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.ProtocolHandler;
import org.tessera.testing.MemoryImages;

class RouterTest {
    private final List<String> calls = new ArrayList<>();
    private final MemoryImages images = new MemoryImages().add("a.tif", MemoryImages.standard());

    private ProtocolHandler recorder(String name) {
        return (arg, ctx) -> {
            calls.add(name + ":" + arg + " | " + ctx.requestString());
            return ctx.responses().document("text/plain", name, null, null);
        };
    }

    private Router router(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("VERBOSITY", "0");
        Map<String, ProtocolHandler> protocols = Map.of("iiif", recorder("iiif"), "deepzoom", recorder("deepzoom"),
                "zoomify", (arg, ctx) -> {
                    if (arg.startsWith("boom")) throw new IllegalStateException("secret /etc/images/boom.tif");
                    if (arg.startsWith("busy")) throw new HttpError(503, "server busy");
                    if (arg.startsWith("nomem")) throw new org.tessera.error.OverloadedException("server busy: not enough memory free", 2);
                    if (arg.startsWith("huge")) throw new org.tessera.error.InvalidRequestException("requested image needs 900 MB");
                    throw HttpError.badRequest("bad zoomify path");
                });
        return routerWith(EnvConfig.parse(e), protocols);
    }

    private Router routerWith(org.tessera.config.Config config, Map<String, ProtocolHandler> protocols) {
        return org.tessera.server.Tessera.router(config, images, new org.tessera.testing.RecordingRenderer(() -> config), protocols);
    }

    private static HttpRequest request(String method, String uri, String body, Map<String, String> headers) {
        int q = uri.indexOf('?');
        return new HttpRequest(method, uri, q < 0 ? "" : uri.substring(q + 1), "http", "localhost", "", headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest get(String uri) { return request("GET", uri, null, Map.of()); }

    @Test
    void uriMapTurnsThePathIntoACommand() {
        Router r = router(Map.of("URI_MAP", "iiif=>IIIF,dz=>DeepZoom"));
        assertEquals(200, r.handle(get("/iiif/folder%2Fimg.tif/full/max/0/default.jpg?x=1")).status());
        r.handle(get("/dz/a.tif_files/12/0_0.jpg"));
        assertEquals(List.of("iiif:folder%2Fimg.tif/full/max/0/default.jpg | iiif=folder%2Fimg.tif/full/max/0/default.jpg",
                "deepzoom:a.tif_files/12/0_0.jpg | deepzoom=a.tif_files/12/0_0.jpg"), calls);
    }

    @Test
    void uriMapPrefixMustEndAtASlash() {
        Router r = router(Map.of("URI_MAP", "iiif=>IIIF"));
        HttpResponse other = r.handle(get("/iiifX/a.tif/info.json"));
        assertEquals("text/html; charset=utf-8", other.header("Content-Type").orElseThrow());
        HttpResponse bare = r.handle(get("/iiif"));
        assertEquals(200, bare.status());
        assertTrue(bare.bodyText().contains("<h1>Tessera</h1>"));
        assertTrue(calls.isEmpty());
        r.handle(get("/fcgi-bin/iipsrv.fcgi?IIIF=a.tif/info.json"));
        assertEquals(List.of("iiif:a.tif/info.json | IIIF=a.tif/info.json"), calls);
    }

    @Test
    void emptyPrefixAndIipMapping() {
        router(Map.of("URI_MAP", "=>Zoomify"));
        Router all = router(Map.of("URI_MAP", "=>IIIF"));
        all.handle(get("/a.tif/info.json"));
        assertEquals(List.of("iiif:a.tif/info.json | iiif=a.tif/info.json"), calls);
        Router iip = router(Map.of("URI_MAP", "fif=>IIP"));
        HttpResponse r = iip.handle(get("/fif/a.tif"));
        assertEquals(400, r.status());
        assertEquals("Error/13:2 1 fif=a.tif\r\n", r.bodyText());
    }

    @Test
    void postBodyIsTheRequestWhenTheQueryIsEmpty() {
        Router r = router(Map.of());
        r.handle(request("POST", "/fcgi-bin/iipsrv.fcgi", "IIIF=b.tif/info.json\r\n", Map.of()));
        r.handle(request("POST", "/fcgi-bin/iipsrv.fcgi?IIIF=q.tif/info.json", "IIIF=b.tif/info.json", Map.of()));
        assertEquals(List.of("iiif:b.tif/info.json | IIIF=b.tif/info.json", "iiif:q.tif/info.json | IIIF=q.tif/info.json"), calls);
        HttpResponse get = r.handle(request("GET", "/fcgi-bin/iipsrv.fcgi", "IIIF=b.tif/info.json", Map.of()));
        assertTrue(get.bodyText().contains("Tessera"));
    }

    @Test
    void optionsIs204WithAllowAndCors() {
        HttpResponse r = router(Map.of("CORS", "https://viewer.example")).handle(request("OPTIONS", "/x?IIIF=a", null, Map.of()));
        assertEquals(204, r.status());
        assertEquals(0, r.body().length);
        assertEquals("GET, HEAD, POST, OPTIONS", r.header("Allow").orElseThrow());
        assertEquals("https://viewer.example", r.header("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("GET, HEAD, POST, OPTIONS", r.header("Access-Control-Allow-Methods").orElseThrow());
        assertEquals("Accept, Content-Type, X-Requested-With, If-Modified-Since", r.header("Access-Control-Allow-Headers").orElseThrow());
        assertEquals("86400", r.header("Access-Control-Max-Age").orElseThrow());
        assertTrue(calls.isEmpty());
        assertFalse(router(Map.of()).handle(request("OPTIONS", "/x", null, Map.of())).header("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void otherMethodsAre405() {
        Router r = router(Map.of("CORS", "*", "URI_MAP", "iiif=>IIIF"));
        for (String m : List.of("PUT", "DELETE", "PATCH", "TRACE")) {
            HttpResponse resp = r.handle(request(m, "/iiif/a.tif/info.json", "x", Map.of()));
            assertEquals(405, resp.status(), m);
            assertEquals("GET, HEAD, POST, OPTIONS", resp.header("Allow").orElseThrow());
            assertFalse(resp.header("Access-Control-Allow-Origin").isPresent());
        }
        assertTrue(calls.isEmpty());
    }

    @Test
    void headIsAnsweredLikeGet() {
        Router r = router(Map.of());
        HttpResponse head = r.handle(request("HEAD", "/?FIF=a.tif&JTL=0,0", null, Map.of()));
        HttpResponse get = r.handle(get("/?FIF=a.tif&JTL=0,0"));
        assertEquals(200, head.status());
        assertEquals(get.headers(), head.headers());
    }

    @Test
    void emptyRequestIsTheInfoPage() {
        HttpResponse r = router(Map.of()).handle(get("/fcgi-bin/iipsrv.fcgi"));
        assertEquals(200, r.status());
        assertEquals("text/html; charset=utf-8", r.header("Content-Type").orElseThrow());
        assertTrue(r.bodyText().contains("<title>Tessera</title>"));
        assertTrue(r.bodyText().contains("IIPImage"));
        assertEquals(Integer.toString(r.body().length), r.header("Content-Length").orElseThrow());
    }

    @Test
    void httpErrorsBecomeOneLineOfText() {
        Router r = router(Map.of("CORS", "*"));
        HttpResponse bad = r.handle(get("/?Zoomify=a.tif/x"));
        assertEquals(400, bad.status());
        assertEquals("bad zoomify path\n", bad.bodyText());
        assertEquals("text/plain; charset=utf-8", bad.header("Content-Type").orElseThrow());
        assertEquals("*", bad.header("Access-Control-Allow-Origin").orElseThrow());
        HttpResponse busy = r.handle(get("/?Zoomify=busy"));
        assertEquals(503, busy.status());
        assertEquals("1", busy.header("Retry-After").orElseThrow());
    }

    @Test
    void engineOverloadIs503WithItsRetryAfterAndATooLargeRenderIs400() {
        Router r = router(Map.of());
        HttpResponse busy = r.handle(get("/?Zoomify=nomem"));
        assertEquals(503, busy.status());
        assertEquals(List.of("2"), busy.headers().stream().filter(h -> h.name().equals("Retry-After")).map(h -> h.value()).toList());
        assertEquals("server busy: not enough memory free\n", busy.bodyText());
        HttpResponse huge = r.handle(get("/?Zoomify=huge"));
        assertEquals(400, huge.status());
        assertEquals("requested image needs 900 MB\n", huge.bodyText());
    }

    @Test
    void unexpectedExceptionsAre500WithoutDetails() {
        HttpResponse r = router(Map.of()).handle(get("/?Zoomify=boom"));
        assertEquals(500, r.status());
        assertEquals("Internal server error\n", r.bodyText());
        assertFalse(r.bodyText().contains("secret"));
        assertFalse(r.bodyText().contains("/etc"));
    }

    @Test
    void routerNeverThrowsEvenWithVerboseLogging() {
        Router r = router(Map.of("VERBOSITY", "2"));
        assertEquals(500, r.handle(get("/?Zoomify=boom")).status());
        assertEquals(404, r.handle(get("/?FIF=nothing.tif&JTL=0,0")).status());
        assertEquals(200, r.handle(get("/?FIF=a.tif&JTL=0,0")).status());
    }
}
