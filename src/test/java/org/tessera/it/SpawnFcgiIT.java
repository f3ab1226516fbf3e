package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.testing.RequiredTools.require;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tessera started by spawn-fcgi without --bind: the listening socket is inherited on fd 0, as
 * under spawn-fcgi, mod_fcgid and lighttpd's bin-path (iipsrv-behaviour.md section 1.1).
 */
class SpawnFcgiIT {
    private Scratch scratch;
    private SpawnFcgiProcess server;
    private NginxProcess nginx;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(
            () -> (server == null ? "" : server.diagnostics()) + (nginx == null ? "" : nginx.diagnostics()));

    @BeforeEach
    void images() {
        ItSupport.requireTools();
        require(SpawnFcgiProcess.installed(), "spawn-fcgi not installed");
        scratch = new Scratch("spawn-it");
        ItSupport.standardImage(scratch);
    }

    @AfterEach
    void stop() {
        if (nginx != null) nginx.close();
        if (server != null) server.stop();
        if (scratch != null) scratch.close();
    }

    private void start(Listen listen) {
        server = SpawnFcgiProcess.start(listen, DaemonProcess.tesseraCommand(List.of()), TesseraStack.env(scratch, Map.of()),
                scratch.resolve("tessera"));
        nginx = NginxProcess.start(scratch.resolve("nginx"), listen);
    }

    private void assertServes() {
        Map<String, String> obj = IipChecks.obj(nginx.iipUrl(), ItSupport.IMAGE);
        assertEquals(ItSupport.WIDTH + " " + ItSupport.HEIGHT, obj.get("Max-size"), obj::toString);
        Http.Reply tile = Http.get(nginx.iipUrl() + "?FIF=" + ItSupport.IMAGE + "&JTL=3,0");
        assertEquals(200, tile.status(), tile::toString);
        BufferedImage img = TestImages.decode(tile.body());
        assertEquals(256, img.getWidth());
        assertTrue(TestImages.checkPattern(img, 0, 0, 256, 256, "JTL=3,0") > 50);
        Http.Reply info = Http.get(nginx.baseUrl() + "/iiif/" + ItSupport.IMAGE + "/info.json");
        assertEquals(200, info.status(), info::toString);
    }

    @Test
    void servesOnAnInheritedTcpSocket() {
        start(Listen.tcp(Ports.freePort()));
        assertServes();
        assertTrue(server.stop(), "the daemon should end on SIGTERM");
        assertFalse(server.isAlive());
    }

    @Test
    void servesOnAnInheritedUnixSocket() {
        start(Listen.unix(scratch.resolve("spawned.sock")));
        assertServes();
        assertTrue(server.stop(), "the daemon should end on SIGTERM");
    }
}
