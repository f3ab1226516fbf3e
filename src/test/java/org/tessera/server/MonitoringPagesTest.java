package org.tessera.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;

/**
 * The Prometheus page and the JSON status on the real engine (sample pattern.tif, stored JPEG
 * tiles): what they count after a known sequence of requests, and that neither exists on a public
 * path unless URI_MAP maps it.
 */
class MonitoringPagesTest {
    private static final Path IMAGES = Path.of("test-images").toAbsolutePath();

    private static Tessera tessera(String uriMap) {
        Map<String, String> env = new HashMap<>();
        env.put("FILESYSTEM_PREFIX", IMAGES + "/");
        env.put("URI_MAP", uriMap);
        return Tessera.create(EnvConfig.parse(env));
    }

    private static HttpResponse get(Tessera t, String uri) {
        return t.handler().handle(HttpRequest.get(uri, Map.of("host", "localhost")));
    }

    @Test
    void countsRequestsOriginsAndCacheTiers() {
        Tessera t = tessera("iiif=>IIIF,metrics=>metrics,status=>status");
        HttpResponse tile = get(t, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=3,7");
        assertEquals(200, tile.status());
        assertEquals(200, get(t, "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=3,7").status());
        assertEquals(200, get(t, "/iiif/pattern.tif/full/100,/0/default.jpg").status());
        int missing = get(t, "/iiif/nothing-here.tif/info.json").status();

        HttpResponse page = get(t, "/metrics");
        assertEquals(200, page.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", page.header("Content-Type").orElseThrow());
        assertEquals("no-store", page.header("Cache-Control").orElseThrow());
        String text = page.bodyText();
        assertTrue(text.contains("tessera_requests_total{protocol=\"iip\",status=\"200\"} 2.0\n"), text);
        assertTrue(text.contains("tessera_requests_total{protocol=\"iiif\",status=\"200\"} 1.0\n"), text);
        assertTrue(text.contains("tessera_requests_total{protocol=\"iiif\",status=\"" + missing + "\"} 1.0\n"), text);
        assertTrue(text.contains("tessera_request_duration_seconds_count{protocol=\"iip\"} 2\n"), text);
        assertTrue(text.contains("tessera_response_bytes_total{protocol=\"iip\"} " + (2 * tile.body().length) + ".0\n"), text);
        assertTrue(text.contains("tessera_results_total{origin=\"passthrough\"} 1.0\n"), text);
        assertTrue(text.contains("tessera_results_total{origin=\"cache\"} 1.0\n"), text);
        assertTrue(text.contains("tessera_results_total{origin=\"rendered\"} 1.0\n"), text);
        assertTrue(text.contains("tessera_cache_hits_total{tier=\"ram\"} 1.0\n"), text);
        assertTrue(text.contains("tessera_cache_skipped_total{tier=\"ram\"} 1.0\n"), "the rendition stays out of RAM\n" + text);
        assertTrue(text.contains("tessera_render_queue_depth 0.0\n"), text);
        assertTrue(text.contains("tessera_render_rejections_total 0.0\n"), text);
        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"}"), text);
        assertFalse(text.contains("tier=\"memcached\""), "no shared tier configured");

        HttpResponse status = get(t, "/status/");
        assertEquals("application/json", status.header("Content-Type").orElseThrow());
        String json = status.bodyText();
        assertTrue(json.contains("\"requests\": {\"total\": 4, \"byProtocol\": {\"iiif\": 2, \"iip\": 2}"), json);
        assertTrue(json.contains("\"results\": {\"cache\": 1, \"encoded\": 0, \"passthrough\": 1, \"rendered\": 1, "
                + "\"passThroughShare\": 0.333333}"), json);
        assertTrue(json.contains("\"ram\": {\"hits\": 1, \"misses\": 1, \"errors\": 0, \"stores\": 1, \"skipped\": 1"), json);
        assertTrue(json.contains("\"render\": {\"queueDepth\": 0, \"rejections\": 0}"), json);
        assertTrue(json.contains("\"heapUsedBytes\": "), json);
        assertFalse(get(t, "/metrics").bodyText().contains("protocol=\"metrics\""), "the pages do not count themselves");
    }

    @Test
    void notOnAPublicPathUnlessMapped() {
        Tessera t = tessera("iiif=>IIIF");
        HttpResponse r = get(t, "/metrics");
        assertFalse(r.bodyText().contains("tessera_requests_total"), r.bodyText());
        assertFalse(r.header("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        // the development listener adds them explicitly
        HttpResponse dev = t.withMonitoringPages(t.handler()).handle(HttpRequest.get("/metrics", Map.of("host", "localhost")));
        assertTrue(dev.bodyText().contains("tessera_requests_total"), dev.bodyText());
    }
}
