package org.tessera.it;

import org.tessera.testing.TestJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.testing.RequiredTools.require;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "A viewer a person can look at": the daemon's built-in HTTP listener (--http) serves the viewer
 * page; headless Chromium (driven over the DevTools protocol) opens one image over each protocol
 * and every tile OpenSeadragon asks for must load (the page records OpenSeadragon's tile-loaded /
 * tile-load-failed / fully-loaded-change events in #tile-log).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerChromiumIT {
    private Scratch scratch;
    private DaemonProcess daemon;
    private String base;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> daemon == null ? "" : daemon.diagnostics());

    @BeforeAll
    void start() {
        ItSupport.requireTools();
        require(ChromiumProcess.installed(), "chromium not installed");
        scratch = new Scratch("viewer-it");
        ItSupport.standardImage(scratch);
        TestImages.pyramid(scratch.resolve("images"), "sub dir/second.tif", 700, 500);
        int port = Ports.freePort();
        daemon = DaemonProcess.tessera(TesseraStack.env(scratch, Map.of()), List.of("--http", "127.0.0.1:" + port),
                Listen.tcp(port), scratch.resolve("tessera"));
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() {
        int code = daemon == null ? 0 : daemon.stop();
        if (scratch != null) scratch.close();
        assertEquals(0, code, "daemon exit code after SIGTERM");
    }

    @Test
    void pageListsTheImages() {
        Http.Reply r = Http.get(base + "/");
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("text/html"), r::toString);
        assertTrue(r.text().contains("data-image=\"pattern.tif\""), r::toString);
        assertTrue(r.text().contains("data-image=\"sub dir/second.tif\""), r::toString);
        Http.Reply json = Http.get(base + "/viewer/images.json");
        assertEquals(2, ((List<?>) TestJson.object(json.text()).get("images")).size(), json::toString);
    }

    @Test
    void iiif3() {
        ViewerChecks.assertViewLoads(base, "pattern.tif", "iiif3", scratch.resolve("chromium-iiif3"));
    }

    @Test
    void iiif2() {
        ViewerChecks.assertViewLoads(base, "pattern.tif", "iiif2", scratch.resolve("chromium-iiif2"));
    }

    @Test
    void deepZoom() {
        ViewerChecks.assertViewLoads(base, "pattern.tif", "deepzoom", scratch.resolve("chromium-dz"));
    }

    @Test
    void zoomify() {
        ViewerChecks.assertViewLoads(base, "pattern.tif", "zoomify", scratch.resolve("chromium-zoomify"));
    }

    @Test
    void imageInASubfolderWithASpace() {
        ViewerChecks.assertViewLoads(base, "sub%20dir%2Fsecond.tif", "iiif3", scratch.resolve("chromium-sub"));
    }
}
