package org.tessera.it;

import static org.tessera.testing.RequiredTools.require;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tessera.viewer.ViewerHandler;

/**
 * The viewer page (ViewerHandler + the OpenSeadragon the build takes from npm) in headless Chromium against the
 * reference iipsrv 1.1 behind nginx: proves the page, the IIIF-2 bridge and the Chromium harness
 * independently of Tessera's protocol code. iipsrv 1.1 has no IIIF 3, so that switch is tested
 * only in ViewerChromiumIT. Skipped when iipsrv or chromium is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerReferenceIT {
    private Scratch tmp;
    private DaemonProcess iipsrv;
    private NginxProcess nginx;
    private JdkHttpFront front;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(
            () -> (iipsrv == null ? "" : iipsrv.diagnostics()) + (nginx == null ? "" : nginx.diagnostics()));

    @BeforeAll
    void start() {
        require(Files.isExecutable(ReferenceServerHarnessIT.IIPSRV), "reference iipsrv not installed");
        require(NginxProcess.installed() && TestImages.vipsInstalled() && ChromiumProcess.installed(), "nginx, vips or chromium missing");
        tmp = new Scratch("viewer-ref");
        TestImages.pyramid(tmp.resolve("images"), "pattern.tif", 1500, 1100);
        TestImages.pyramid(tmp.resolve("images"), "sub dir/second.tif", 700, 500);
        Listen listen = Listen.tcp(Ports.freePort());
        iipsrv = DaemonProcess.start(List.of(ReferenceServerHarnessIT.IIPSRV.toString(), "--bind", listen.bindArgument()),
                Map.of("FILESYSTEM_PREFIX", tmp.resolve("images") + "/", "URI_MAP", "iiif=>IIIF", "CORS", "*"),
                listen, tmp.resolve("iipsrv"));
        // no fastcgi_keep_conn: single-threaded iipsrv serves one connection at a time, an idle kept
        // connection would starve concurrent requests
        nginx = NginxProcess.start(tmp.resolve("nginx"), List.of(listen), false);
        front = new JdkHttpFront(new ViewerHandler(tmp.resolve("images"), JdkHttpFront.proxyTo(nginx.baseUrl())));
    }

    @AfterAll
    void stop() {
        if (front != null) front.close();
        if (nginx != null) nginx.close();
        if (iipsrv != null) iipsrv.stop();
        if (tmp != null) tmp.close();
    }

    @Test
    void iiif2() {
        ViewerChecks.assertViewLoads(front.baseUrl(), "pattern.tif", "iiif2", tmp.resolve("chromium-iiif2"));
    }

    @Test
    void deepZoom() {
        ViewerChecks.assertViewLoads(front.baseUrl(), "pattern.tif", "deepzoom", tmp.resolve("chromium-dz"));
    }

    @Test
    void imageInASubfolderWithASpace() {
        ViewerChecks.assertViewLoads(front.baseUrl(), "sub%20dir%2Fsecond.tif", "deepzoom", tmp.resolve("chromium-sub"));
        ViewerChecks.assertViewLoads(front.baseUrl(), "sub%20dir%2Fsecond.tif", "iiif2", tmp.resolve("chromium-sub2"));
    }

    @Test
    void zoomify() {
        ViewerChecks.assertViewLoads(front.baseUrl(), "pattern.tif", "zoomify", tmp.resolve("chromium-zoomify"));
    }
}
