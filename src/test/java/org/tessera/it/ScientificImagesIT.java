package org.tessera.it;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tessera.testing.SampleTiff;

/**
 * Scientific and archival images through nginx and the real daemon: 16-bit with MINMAX, float
 * through a colour map, a 3-page stack, a striped TIFF, SPECTRA and PFL; then the same requests
 * to the reference iipsrv where it has the feature, compared answer for answer.
 */
class ScientificImagesIT extends StackTestBase {
    static final Path IIPSRV = Path.of("/usr/lib/iipimage-server/iipsrv.fcgi");
    static final int W = 96, H = 64;

    static int grey16(int x, int y) { return 1000 + x * 600 + y * 30; }

    @Override
    protected void prepare(Scratch scratch) throws IOException {
        Path images = scratch.resolve("images");
        Files.createDirectories(images);
        new SampleTiff().size(W, H).tile(32, 32).bits(16, 1).samples((p, x, y, c) -> grey16(x, y)).write(images.resolve("g16.tif"));
        new SampleTiff().size(W, H).tile(32, 32).bits(32, 3).sampleRange(new double[] {-100}, new double[] {900})
                .samples((p, x, y, c) -> -100 + x * 10.0).write(images.resolve("elev.tif"));
        new SampleTiff().size(W, H).tile(32, 32).pages(3).page("450nm", 1).page("550nm", 0.5).page("650nm", 2)
                .samples((p, x, y, c) -> p * 60 + x + y).write(images.resolve("stack.tif"));
        new SampleTiff().size(700, 300).stripped(10).channels(3).photometric(2).deflate(true)
                .samples((p, x, y, c) -> (x + y * (c + 1)) % 256).write(images.resolve("striped.tif"));
        int[][] normals = {{128, 128, 0}, {255, 128, 128}, {0, 128, 128}, {128, 255, 128}, {200, 90, 30}};
        new SampleTiff().size(W, H).tile(32, 32).channels(3).photometric(2)
                .samples((p, x, y, c) -> normals[(x / 10) % normals.length][c]).write(images.resolve("normals.tif"));
        new SampleTiff().size(W, H).tile(32, 32).channels(3).photometric(2)
                .samples((p, x, y, c) -> (x * (c + 2) + y * 3) % 256).write(images.resolve("rgb.tif"));
    }

    private Raster png(String query) throws IOException {
        Http.Reply r = Http.get(stack.iip() + "?" + query);
        assertEquals(200, r.status(), r::toString);
        assertEquals("image/png", r.contentType());
        return ImageIO.read(new ByteArrayInputStream(r.body())).getRaster();
    }

    static int q(double v) { return v >= 1 ? 255 : v <= 0 ? 0 : (int) (v * 255); }

    @Test
    void sixteenBitMinmaxKeepsTheLowBits() throws IOException {
        Raster r = png("FIF=g16.tif&MINMAX=0:1000,4000&CVT=png");
        for (int x = 0; x < W; x++) assertEquals(q((grey16(x, 9) - 1000) / 3000.0), r.getSample(x, 9, 0), 1, "x=" + x);
    }

    @Test
    void floatElevationThroughTheHotMap() throws IOException {
        Raster r = png("FIF=elev.tif&CMP=hot&PTL=0,1");
        double v = (32 + 5) * 10.0 / 1000; // (value + 100) / 1000 at x = 37
        assertEquals(q(Math.min(1, 3 * v)), r.getSample(5, 0, 0), 1);
        assertEquals(q(Math.max(0, 3 * v - 1)), r.getSample(5, 0, 1), 1);
    }

    @Test
    void stackPagesAndObj() throws IOException {
        assertEquals(2 * 60 + 7 + 3, png("FIF=stack.tif&SDS=2&CVT=png").getSample(7, 3, 0));
        Http.Reply obj = Http.get(stack.iip() + "?FIF=stack.tif&OBJ=stack");
        assertTrue(obj.text().contains("\"name\": \"650nm\""), obj::toString);
    }

    @Test
    void stripedTiffThroughVirtualTiles() throws IOException {
        Http.Reply info = Http.get(stack.iip() + "?FIF=striped.tif&OBJ=Resolution-number&OBJ=Tile-size");
        assertEquals("Resolution-number:3\r\nTile-size:256 256\r\n", info.text());
        Raster tile = png("FIF=striped.tif&PTL=2,2");
        for (int c = 0; c < 3; c++) assertEquals((512 + 5 + 7 * (c + 1)) % 256, tile.getSample(5, 7, c));
    }

    @Test
    void spectraAndProfile() {
        Http.Reply s = Http.get(stack.iip() + "?FIF=stack.tif&SPECTRA=0,1,2,3");
        assertEquals(200, s.status(), s::toString);
        assertTrue(s.text().contains("<wavelength>550nm</wavelength>\n\t\t<reflectance>"
                + String.format(java.util.Locale.ROOT, "%.6f", (60 + 34 + 3) / 255.0) + "</reflectance>"), s::toString);
        Http.Reply p = Http.get(stack.iip() + "?FIF=g16.tif&PFL=0:10,5-13,5");
        assertEquals("{\n\t\"profile\": [" + grey16(10, 5) + "," + grey16(11, 5) + "," + grey16(12, 5) + "]\n}", p.text());
    }

    /** Requests whose answers iipsrv 1.1 (Debian) gives identically (JPEG at the same quality). */
    static final List<String> SHARED = List.of(
            "FIF=g16.tif&CNT=1.5&JTL=0,1", "FIF=g16.tif&GAM=0.6&JTL=0,2", "FIF=g16.tif&INV=1&JTL=0,0",
            "FIF=g16.tif&CMP=jet&JTL=0,4", "FIF=elev.tif&JTL=0,1", "FIF=elev.tif&CMP=cold&JTL=0,2",
            "FIF=normals.tif&SHD=135,40&JTL=0,0", "FIF=normals.tif&SHD=300,20&JTL=0,1",
            "FIF=rgb.tif&CTW=[0,0,1;0,1,0;1,0,0]&JTL=0,0", "FIF=rgb.tif&CNT=st&JTL=0,3");

    @Test
    void answersAsTheReferenceIipsrv() throws IOException {
        if (!Files.isExecutable(IIPSRV)) {
            assertNotEquals("true", System.getenv("CI"), "the reference iipsrv (iipimage-server) is missing under CI");
            return;
        }
        Listen listen = Listen.tcp(Ports.freePort());
        try (DaemonProcess d = DaemonProcess.start(List.of(IIPSRV.toString(), "--bind", listen.bindArgument()),
                Map.of("FILESYSTEM_PREFIX", scratch.resolve("images") + "/"), listen, scratch.resolve("iipsrv"));
             NginxProcess n = NginxProcess.start(scratch.resolve("nginx-iipsrv"), listen)) {
            for (String query : SHARED) {
                BufferedImage ref = ImageIO.read(new ByteArrayInputStream(Http.get(n.iipUrl() + "?" + query).body()));
                BufferedImage ours = ImageIO.read(new ByteArrayInputStream(Http.get(stack.iip() + "?" + query).body()));
                assertNotNull(ref, query);
                assertNotNull(ours, query);
                assertEquals(ref.getWidth(), ours.getWidth(), query);
                int worst = 0;
                for (int y = 0; y < ref.getHeight(); y++) {
                    for (int x = 0; x < ref.getWidth(); x++) {
                        int a = ref.getRGB(x, y), b = ours.getRGB(x, y);
                        for (int s = 0; s < 24; s += 8) worst = Math.max(worst, Math.abs((a >> s & 255) - (b >> s & 255)));
                    }
                }
                assertTrue(worst <= 2, query + ": differs from iipsrv by " + worst);
            }
            for (String query : List.of("FIF=g16.tif&SPECTRA=0,1,5,6", "FIF=g16.tif&PFL=0:30,4-34,4", "FIF=elev.tif&PFL=0:2,7-5,7")) {
                assertEquals(Http.get(n.iipUrl() + "?" + query).text(), Http.get(stack.iip() + "?" + query).text(), query);
            }
            assertTrue(d.isAlive());
        }
    }
}
