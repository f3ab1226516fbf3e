package org.tessera.protocol.iip;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.ProtocolHandler;
import org.tessera.protocol.fixtures.Harness;
import org.tessera.protocol.iiif.IiifHandler;
import org.tessera.request.OutputFormat;
import org.tessera.source.tiff.TiffImageSource;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.SampleTiff;

/** A 3-page TIFF stack: pages chosen by SDS and by the IIIF_DELIMITER suffix, described by OBJ. */
class StackTest {
    static final int W = 50, H = 40;

    @TempDir
    Path dir;

    static int value(int page, int x, int y) { return page * 80 + x + y; }

    private IipFixture fixture() throws IOException {
        Map<String, ProtocolHandler> iiif = Map.of("iiif", new IiifHandler(Set.of(OutputFormat.PNG, OutputFormat.JPEG)));
        IipFixture f = new IipFixture(Map.of("IIIF_DELIMITER", "_page"), iiif);
        SampleTiff t = new SampleTiff().size(W, H).tile(32, 32).pages(3)
                .page("450nm", 1).page("550nm", 0.5).page("650nm", 2.25)
                .samples((p, x, y, c) -> value(p, x, y));
        f.images.put("stack.tif", new ProcessingTest.KeptOpen(TiffImageSource.open(t.write(dir.resolve("stack.tif")), new ImageIoJpegDecoder())));
        return f;
    }

    private static Raster png(IipFixture f, String q) {
        HttpResponse r = f.get(q);
        assertEquals(200, r.status(), () -> q + ": " + r.bodyText());
        return Harness.decode(r).getRaster();
    }

    @Test
    void sdsSelectsThePage() throws IOException {
        IipFixture f = fixture();
        for (int page = 0; page < 3; page++) {
            Raster r = png(f, "FIF=stack.tif&SDS=" + page + ",90&CVT=png");
            assertEquals(W, r.getWidth());
            for (int x = 0; x < W; x += 7) assertEquals(value(page, x, 5), r.getSample(x, 5, 0));
            Raster tile = png(f, "FIF=stack.tif&SDS=" + page + "&PTL=0,1");
            assertEquals(value(page, 32 + 3, 4), tile.getSample(3, 4, 0));
        }
        assertEquals(400, f.get("FIF=stack.tif&SDS=3&CVT=png").status());
    }

    @Test
    void iiifDelimiterSuffixSelectsThePage() throws IOException {
        IipFixture f = fixture();
        Raster r = png(f, "IIIF=stack.tif_page2/full/max/0/default.png");
        assertEquals(value(2, 10, 10), r.getSample(10, 10, 0));
        Raster p0 = png(f, "IIIF=stack.tif/full/max/0/default.png");
        assertEquals(value(0, 10, 10), p0.getSample(10, 10, 0));
    }

    @Test
    void objDescribesTheStack() throws IOException {
        IipFixture f = fixture();
        HttpResponse views = f.get("FIF=stack.tif&OBJ=Horizontal-views");
        assertEquals("Horizontal-views:0 1 2\r\n", views.bodyText());
        HttpResponse stack = f.get("FIF=stack.tif&OBJ=stack");
        assertEquals("application/json", stack.header("Content-Type").orElse(""));
        assertEquals("[\n\t{\n\t\t\"id\": 0,\n\t\t\"name\": \"450nm\",\n\t\t\"scale\": 1\n\t},"
                + "\n\t{\n\t\t\"id\": 1,\n\t\t\"name\": \"550nm\",\n\t\t\"scale\": 0.5\n\t},"
                + "\n\t{\n\t\t\"id\": 2,\n\t\t\"name\": \"650nm\",\n\t\t\"scale\": 2.25\n\t}\n]\r\n", stack.bodyText());
    }
}
