package org.tessera.protocol.iip;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.config.Config;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.fixtures.Harness;
import org.tessera.server.Router;
import org.tessera.source.FileImageRepository;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.RecordingRenderer;
import org.tessera.testing.SampleTiff;

/** A 2x2 image sequence named by FILENAME_PATTERN, served from files on disk through the real repository. */
class SequenceTest {
    static final int[] H = {0, 10}, V = {90, 100};

    @TempDir
    Path dir;

    static int value(int h, int v, int x, int y) { return h * 3 + (v - 90) * 5 + x + y; }

    private Router router(Map<String, String> extra) throws IOException {
        for (int h : H) {
            for (int v : V) {
                new SampleTiff().size(40, 30).tile(32, 32).samples((p, x, y, c) -> value(h, v, x, y))
                        .write(dir.resolve(String.format("seq_pyr_%03d_%03d.tif", h, v)));
            }
        }
        java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of("FILESYSTEM_PREFIX", dir + "/", "VERBOSITY", "0"));
        env.putAll(extra);
        Config config = EnvConfig.parse(env);
        return org.tessera.server.Tessera.router(config, new FileImageRepository(config, java.util.List.of(new org.tessera.source.tiff.TiffFormat(new ImageIoJpegDecoder(), java.util.Optional.empty(), config.copyright()))), new RecordingRenderer(() -> config), Map.of());
    }

    private static HttpResponse get(Router r, String q) {
        return r.handle(new HttpRequest("GET", "/iipsrv.fcgi?" + q, q, "http", "localhost", "/iipsrv.fcgi", Map.of(), null));
    }

    @Test
    void viewsAreTheAnglesOfTheFiles() throws IOException {
        Router r = router(Map.of());
        assertEquals("Horizontal-views:0 10\r\nVertical-views:90 100\r\n",
                get(r, "FIF=seq&OBJ=Horizontal-views&OBJ=Vertical-views").bodyText());
        assertEquals("Max-size:40 30\r\n", get(r, "FIF=seq&OBJ=stack&OBJ=Max-size").bodyText(), "a sequence is not a stack");
    }

    @Test
    void sdsSelectsTheFileOfTheAngles() throws IOException {
        Router r = router(Map.of());
        for (int h : H) {
            for (int v : V) {
                HttpResponse resp = get(r, "FIF=seq&SDS=" + h + "," + v + "&CVT=png");
                assertEquals(200, resp.status(), resp.bodyText());
                assertEquals(value(h, v, 7, 3), Harness.decode(resp).getRaster().getSample(7, 3, 0), h + "," + v);
            }
        }
        HttpResponse one = get(r, "FIF=seq&SDS=10&PTL=0,1");
        assertEquals(value(10, 90, 32 + 2, 1), Harness.decode(one).getRaster().getSample(2, 1, 0), "one value: the first vertical view");
        assertEquals(400, get(r, "FIF=seq&SDS=20,90&CVT=png").status());
        assertEquals(404, get(r, "FIF=nothing&CVT=png").status());
    }

    @Test
    void twoExtensionsAreRefused() throws IOException {
        Router r = router(Map.of());
        Files.copy(dir.resolve("seq_pyr_000_090.tif"), dir.resolve("seq_pyr_020_090.tiff"));
        assertEquals(404, get(r, "FIF=seq&OBJ=Max-size").status());
    }
}
