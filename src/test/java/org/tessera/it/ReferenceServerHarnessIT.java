package org.tessera.it;

import org.tessera.testing.TestJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.testing.RequiredTools.require;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the harness (nginx config, FastCGI params, process handling, image generation and the
 * shared IIP checks) against the reference iipsrv, independently of Tessera's code. Skipped when
 * iipimage-server is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceServerHarnessIT {
    static final Path IIPSRV = Path.of("/usr/lib/iipimage-server/iipsrv.fcgi");

    private Scratch tmp;
    private DaemonProcess iipsrv;
    private NginxProcess nginx;
    private List<TestImages.StoredLevel> levels;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(
            () -> (iipsrv == null ? "" : iipsrv.diagnostics()) + (nginx == null ? "" : nginx.diagnostics()));

    @BeforeAll
    void start() {
        require(Files.isExecutable(IIPSRV), "reference iipsrv not installed");
        require(NginxProcess.installed() && TestImages.vipsInstalled(), "nginx or vips missing");
        tmp = new Scratch("ref-it");
        Path images = tmp.resolve("images");
        levels = TestImages.levels(TestImages.pyramid(images, "pattern.tif", 1500, 1100));
        int port = Ports.freePort();
        Listen listen = Listen.tcp(port);
        iipsrv = DaemonProcess.start(List.of(IIPSRV.toString(), "--bind", listen.bindArgument()),
                Map.of("FILESYSTEM_PREFIX", images + "/", "VERBOSITY", "2", "CORS", "*", "URI_MAP", "iiif=>IIIF"),
                listen, tmp.resolve("iipsrv"));
        // no fastcgi_keep_conn: single-threaded iipsrv serves one connection at a time, an idle kept
        // connection would starve concurrent requests
        nginx = NginxProcess.start(tmp.resolve("nginx"), List.of(listen), false);
    }

    @AfterAll
    void stop() {
        if (nginx != null) nginx.close();
        int code = iipsrv == null ? 0 : iipsrv.stop();
        if (tmp != null) tmp.close();
        assertEquals(0, code, "iipsrv exit code after SIGTERM");
    }

    @Test
    void objAgreesWithTheStoredPyramid() {
        assertTrue(levels.size() >= 3, "vips wrote " + levels);
        IipChecks.assertObjMatches(nginx.iipUrl(), "pattern.tif", levels);
    }

    @Test
    void everyJtlTileDecodesWithThePattern() {
        int expected = levels.stream().mapToInt(l -> l.columns() * l.rows()).sum();
        assertEquals(expected, IipChecks.assertAllJtlTiles(nginx.iipUrl(), "pattern.tif", levels));
    }

    @Test
    void deepZoomDescriptorAndEveryTile() {
        TileProtocolChecks.assertDzi(nginx.iipUrl(), "pattern.tif", levels);
        assertEquals(levels.stream().mapToInt(l -> l.columns() * l.rows()).sum(),
                TileProtocolChecks.assertAllDeepZoomTiles(nginx.iipUrl(), "pattern.tif", levels));
    }

    @Test
    void zoomifyDescriptorAndEveryTile() {
        TileProtocolChecks.assertZoomifyProperties(nginx.iipUrl(), "pattern.tif", levels, false);
        assertTrue(TileProtocolChecks.assertAllZoomifyTiles(nginx.iipUrl(), "pattern.tif", levels) > 40);
    }

    @Test
    void cvtExports() {
        IipChecks.assertCvtWidth(nginx.iipUrl(), "pattern.tif", 1500, 1100);
        IipChecks.assertCvtRegion(nginx.iipUrl(), "pattern.tif", 1500, 1100);
    }

    /**
     * On a fresh iipsrv: 1.1 stops answering 304 once other kinds of requests have been served
     * (order-dependent); Tessera's test has no such allowance.
     */
    @Test
    void httpCachingAndHead() throws Exception {
        Listen listen = Listen.tcp(Ports.freePort());
        try (DaemonProcess d = DaemonProcess.start(List.of(IIPSRV.toString(), "--bind", listen.bindArgument()),
                Map.of("FILESYSTEM_PREFIX", tmp.resolve("images") + "/"), listen, tmp.resolve("iipsrv-caching"));
             NginxProcess n = NginxProcess.start(tmp.resolve("nginx-caching"), listen)) {
            String url = n.iipUrl() + "?FIF=pattern.tif&JTL=1,0";
            IipChecks.assertLastModifiedAnd304(url, tmp.resolve("images").resolve("pattern.tif"));
            IipChecks.assertHead(url);
            // no CORS check here: iipsrv 1.1 sends CORS headers on few responses (1.3 on all images)
            assertTrue(d.isAlive());
        }
    }

    @Test
    void missingImageIs404ThroughNginx() {
        Http.Reply r = Http.get(nginx.iipUrl() + "?FIF=missing.tif&JTL=0,0");
        assertEquals(404, r.status(), r::toString);
    }

    @Test
    void everyOpenSeadragonTileV2() {
        Http.Reply r = Http.get(nginx.baseUrl() + "/iiif/pattern.tif/info.json");
        assertEquals(200, r.status(), r::toString);
        OsdIiifTiles.assertAll(OsdIiifTiles.all(TestJson.object(r.text()), 2), Map.of(), levels);
    }

    @Test
    void rawClientReadsStatusHeadersAndBody() {
        Http.Reply missing = Http.raw(nginx.baseUrl(), "/fcgi-bin/iipsrv.fcgi?FIF=missing.tif&JTL=0,0");
        assertEquals(404, missing.status(), missing::toString);
        Http.Reply tile = Http.raw(nginx.baseUrl(), "/fcgi-bin/iipsrv.fcgi?FIF=pattern.tif&JTL=0,0");
        assertEquals(200, tile.status(), tile::toString);
        assertEquals(levels.get(levels.size() - 1).width(), TestImages.decode(tile.body()).getWidth());
    }

    @Test
    void spawnFcgiHandsTheSocketOnFd0() {
        require(SpawnFcgiProcess.installed(), "spawn-fcgi not installed");
        Listen listen = Listen.tcp(Ports.freePort());
        try (SpawnFcgiProcess s = SpawnFcgiProcess.start(listen, List.of(IIPSRV.toString()),
                Map.of("FILESYSTEM_PREFIX", tmp.resolve("images") + "/"), tmp.resolve("spawned"));
             NginxProcess n = NginxProcess.start(tmp.resolve("nginx-spawned"), listen)) {
            IipChecks.assertObjMatches(n.iipUrl(), "pattern.tif", levels);
            assertTrue(s.stop(), "iipsrv under spawn-fcgi should end on SIGTERM");
        }
    }

    @Test
    void unixSocketBind() {
        Listen listen = Listen.unix(tmp.resolve("iipsrv.sock"));
        try (DaemonProcess d = DaemonProcess.start(List.of(IIPSRV.toString(), "--bind", listen.bindArgument()),
                Map.of("FILESYSTEM_PREFIX", tmp.resolve("images") + "/"), listen, tmp.resolve("iipsrv-unix"));
             NginxProcess n = NginxProcess.start(tmp.resolve("nginx-unix"), listen)) {
            IipChecks.assertObjMatches(n.iipUrl(), "pattern.tif", levels);
            assertEquals(0, d.stop());
        }
    }

    @Test
    void iiifInfoThroughUriMap() {
        Http.Reply r = Http.get(nginx.baseUrl() + "/iiif/pattern.tif/info.json");
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.text().contains("\"width\" : " + levels.get(0).width()), r::toString);
    }
}
