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
import org.tessera.format.OutputFormat;
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
        Map<String, ProtocolHandler> iiif = Map.of("iiif", new IiifHandler(org.tessera.format.OutputFormats.of(OutputFormat.PNG, OutputFormat.JPEG)));
        IipFixture f = new IipFixture(Map.of("IIIF_DELIMITER", "_page"), iiif);
        SampleTiff t = new SampleTiff().size(W, H).tile(32, 32).pages(3)
                .page("450nm", 1).page("550nm", 0.5).page("650nm", 2.25)
                .samples((p, x, y, c) -> value(p, x, y));
        f.images.put("stack.tif", new org.tessera.testing.KeptOpenSource(TiffImageSource.open(t.write(dir.resolve("stack.tif")), new ImageIoJpegDecoder())));
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
        assertEquals(404, f.get("FIF=stack.tif&SDS=3&CVT=png").status(), "a page the image does not have");
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

    @Test
    void spectraListsEveryBandAtOnePixel() throws IOException {
        IipFixture f = fixture();
        // tile 1 of the one resolution is the right-hand tile: x 32.., pixel (5,6) is (37,6)
        HttpResponse r = f.get("FIF=stack.tif&SPECTRA=0,1,5,6");
        assertEquals(200, r.status(), r.bodyText());
        assertEquals("application/xml", r.header("Content-Type").orElse(""));
        StringBuilder want = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<spectra>\n");
        String[] names = {"450nm", "550nm", "650nm"};
        for (int p = 0; p < 3; p++) {
            want.append("\t<point>\n\t\t<wavelength>").append(names[p]).append("</wavelength>\n\t\t<reflectance>")
                    .append(String.format(java.util.Locale.ROOT, "%.6f", value(p, 37, 6) / 255.0)).append("</reflectance>\n\t</point>\n");
        }
        assertEquals(want.append("</spectra>").toString(), r.bodyText());
        assertEquals(400, f.get("FIF=stack.tif&SPECTRA=0,1,32,0").status(), "x outside the tile size");
        assertEquals(400, f.get("FIF=stack.tif&SPECTRA=0,1,5").status());
    }

    @Test
    void profileOfEveryBandScaledByThePage() throws IOException {
        IipFixture f = fixture();
        HttpResponse r = f.get("FIF=stack.tif&PFL=0:30,4-34,4");
        assertEquals(200, r.status(), r.bodyText());
        assertEquals("application/json", r.header("Content-Type").orElse(""));
        String[] names = {"450nm", "550nm", "650nm"};
        double[] scales = {1, 0.5, 2.25};
        StringBuilder want = new StringBuilder("{\n\t\"profile\": {\n");
        for (int p = 0; p < 3; p++) {
            want.append("\t\t\"").append(names[p]).append("\": [");
            for (int x = 30; x < 34; x++) {
                if (x > 30) want.append(',');
                double v = value(p, x, 4) * scales[p];
                want.append(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
            }
            want.append(p < 2 ? "],\n" : "]\n");
        }
        assertEquals(want.append("\t}\n}").toString(), r.bodyText());
        HttpResponse vertical = f.get("FIF=stack.tif&SDS=0&PFL=0:3,1-3,3");
        assertTrue(vertical.bodyText().contains("\"450nm\": [" + value(0, 3, 1) + "," + value(0, 3, 2) + "]"), vertical.bodyText());
        assertEquals(400, f.get("FIF=stack.tif&PFL=0:51,1").status());
        assertEquals(400, f.get("FIF=stack.tif&PFL=5:1,1").status());
    }

    @Test
    void profileOfFloatDataHasNineDecimals() throws IOException {
        IipFixture f = new IipFixture(Map.of());
        SampleTiff t = new SampleTiff().size(W, H).tile(32, 32).bits(32, 3).samples((p, x, y, c) -> x * 0.25 - 3);
        f.images.put("f.tif", new org.tessera.testing.KeptOpenSource(TiffImageSource.open(t.write(dir.resolve("f.tif")), new ImageIoJpegDecoder())));
        HttpResponse r = f.get("FIF=f.tif&PFL=0:2,7");
        assertEquals("{\n\t\"profile\": [-2.500000000]\n}", r.bodyText());
    }
}
