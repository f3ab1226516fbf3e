package org.tessera.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tessera.source.jp2.Jp2Fixtures;

/**
 * JPEG 2000 through the real daemon behind nginx, tile for tile against the reference iipsrv
 * (Debian's build links OpenJPEG) serving the same file: the same pyramid (OBJ) and, for every
 * JTL tile of every resolution, the same picture up to the two servers' JPEG encoders. The image
 * is a multiple of 32 on both sides, so iipsrv's floor(x/2) level sizes equal OpenJPEG's ceil.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Jp2ReferenceIT {
    static final Path IIPSRV = ReferenceServerHarnessIT.IIPSRV;
    static final int WIDTH = 1280, HEIGHT = 896;

    private Scratch tmp;
    private DaemonProcess iipsrv;
    private NginxProcess refNginx;
    private TesseraStack tessera;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(() -> (iipsrv == null ? "" : iipsrv.diagnostics())
            + (refNginx == null ? "" : refNginx.diagnostics()) + (tessera == null ? "" : tessera.diagnostics()));

    @BeforeAll
    void start() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!Files.isExecutable(IIPSRV) && ci) fail("iipimage-server is not installed (CI must have it)");
        assumeTrue(Files.isExecutable(IIPSRV), "reference iipsrv not installed");
        assumeTrue(NginxProcess.installed(), "nginx not installed");
        tmp = new Scratch("jp2-ref-it");
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path ppm = Jp2Fixtures.writePnm(Jp2Fixtures.picture(WIDTH, HEIGHT, 3), tmp.resolve("src.ppm"));
        Jp2Fixtures.opjCompress(ppm, images.resolve("tiled.jp2"), "-t", "256,256", "-n", "6");
        Jp2Fixtures.opjCompress(ppm, images.resolve("precincts.jp2"), "-n", "6", "-c", "[256,256],[128,128]", "-p", "RPCL");
        try (org.tessera.codec.TurboJpeg turbo = org.tessera.codec.TurboJpeg.load()) {
            Files.write(images.resolve("photo.jpg"), turbo.compress(org.tessera.testing.TestPattern.image(3000, 2000, 3), 90));
        }
        Listen ref = Listen.tcp(Ports.freePort());
        iipsrv = DaemonProcess.start(List.of(IIPSRV.toString(), "--bind", ref.bindArgument()),
                Map.of("FILESYSTEM_PREFIX", images + "/", "VERBOSITY", "2"), ref, tmp.resolve("iipsrv"));
        refNginx = NginxProcess.start(tmp.resolve("nginx-ref"), List.of(ref), false);
        tessera = TesseraStack.startTcp(tmp);
    }

    @AfterAll
    void stop() {
        if (refNginx != null) refNginx.close();
        if (iipsrv != null) iipsrv.stop();
        if (tessera != null) tessera.stop();
        if (tmp != null) tmp.close();
    }

    @Test
    void tiledCodestream() {
        compareEveryTile("tiled.jp2");
    }

    @Test
    void singleTileWithPrecincts() {
        compareEveryTile("precincts.jp2");
    }

    @Test
    void plainJpegThumbnailAndTileFromTheDaemon() {
        // iipsrv 1.1 does not read plain JPEG files: Tessera alone, checked against the pattern
        BufferedImage thumb = jpeg(Http.get(tessera.base() + "/iiif/photo.jpg/full/!300,300/0/default.jpg"), "thumbnail");
        assertEquals(300, thumb.getWidth());
        assertEquals(200, thumb.getHeight());
        BufferedImage tile = jpeg(Http.get(tessera.base() + "/iiif/photo.jpg/1024,512,256,256/256,/0/default.jpg"), "tile");
        for (int y = 32; y < 256; y += 64) {
            for (int x = 32; x < 256; x += 64) {
                int[] want = org.tessera.testing.TestPattern.rgb(1024 + x, 512 + y);
                int rgb = tile.getRGB(x, y);
                int[] got = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                for (int c = 0; c < 3; c++) assertTrue(Math.abs(want[c] - got[c]) <= 12, "at " + x + "," + y);
            }
        }
    }

    private void compareEveryTile(String image) {
        String obj = "?FIF=" + image + "&OBJ=IIP,1.0&OBJ=Max-size&OBJ=Tile-size&OBJ=Resolution-number";
        Http.Reply refObj = Http.get(refNginx.iipUrl() + obj);
        Http.Reply ourObj = Http.get(tessera.iip() + obj);
        assertEquals(200, refObj.status(), refObj::toString);
        assertEquals(refObj.text(), ourObj.text(), "OBJ answers");
        assertTrue(ourObj.text().contains("Resolution-number:4"), ourObj.text());
        int tiles = 0;
        for (int r = 0; r < 4; r++) {
            int scale = 1 << (3 - r);
            int w = WIDTH / scale, h = HEIGHT / scale;
            int count = ((w + 255) / 256) * ((h + 255) / 256);
            for (int t = 0; t < count; t++) {
                String q = "?FIF=" + image + "&JTL=" + r + "," + t;
                BufferedImage theirs = jpeg(Http.get(refNginx.iipUrl() + q), "iipsrv " + q);
                BufferedImage ours = jpeg(Http.get(tessera.iip() + q), "tessera " + q);
                assertEquals(theirs.getWidth(), ours.getWidth(), q);
                assertEquals(theirs.getHeight(), ours.getHeight(), q);
                double mean = meanDifference(theirs, ours);
                // same pixels, two JPEG encoders at quality 75: a misplaced or wrong-level tile differs by tens
                assertTrue(mean < 2.5, q + ": mean difference " + mean);
                tiles++;
            }
        }
        assertEquals(20 + 6 + 2 + 1, tiles);
    }

    private static BufferedImage jpeg(Http.Reply reply, String what) {
        assertEquals(200, reply.status(), () -> what + ": " + reply);
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(reply.body()));
            if (img == null) fail(what + ": not an image");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
