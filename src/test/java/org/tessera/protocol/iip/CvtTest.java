package org.tessera.protocol.iip;

import org.tessera.testing.MemoryImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.http.HttpResponse;
import org.tessera.image.Rect;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.testing.TestPattern;

class CvtTest {

    /** Region x,y,w,h in px of a 4000x3000 image; WID; HEI; MAX_CVT; upscaling; expected W; expected H. */
    @ParameterizedTest(name = "[{index}] region {0} WID={1} HEI={2} MAX_CVT={3} up={4} -> {5}x{6}")
    @CsvSource(delimiter = '|', value = {
            "0,0,4000,3000|0|0|5000|true|4000|3000",
            "0,0,4000,3000|0|0|1000|true|1000|750",
            "0,0,4000,3000|0|0|-1|true|4000|3000",
            "0,0,4000,3000|800|0|5000|true|800|600",
            "0,0,4000,3000|0|300|5000|true|400|300",
            "0,0,4000,3000|800|800|5000|true|800|600",
            "0,0,4000,3000|800|100|5000|true|133|100",
            "0,0,4000,3000|8000|0|5000|true|5000|3750",
            "0,0,4000,3000|8000|0|-1|true|8000|6000",
            "0,0,4000,3000|8000|0|-1|false|4000|3000",
            "1000,750,2000,1500|500|0|5000|true|500|375",
            "1000,750,2000,1500|0|0|5000|true|2000|1500",
            "1000,750,2000,1500|0|0|1000|true|1000|750",
            "0,0,400,300|1000|0|5000|false|400|300",
            "0,0,400,300|1000|0|5000|true|1000|750",
            "0,0,300,3000|0|0|1000|true|100|1000",
            "0,0,3000,3000|0|0|1000|true|1000|1000",
            "0,0,4000,1|400|0|5000|true|400|1",
    })
    void sizeMatrix(String region, int wid, int hei, int maxCvt, boolean up, int w, int h) {
        String[] p = region.split(",");
        Rect r = new Rect(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
        CvtSize s = CvtSize.of(r, wid, hei, maxCvt, up);
        assertEquals(w, s.width());
        assertEquals(h, s.height());
        assertEquals(r, s.region());
    }

    @Test
    void regionFractionsAreClampedToTheImage() {
        assertEquals(new Rect(1000, 750, 2000, 1500), CvtSize.region(new double[] {0.25, 0.25, 0.5, 0.5}, 4000, 3000));
        assertEquals(new Rect(3000, 0, 1000, 3000), CvtSize.region(new double[] {0.75, 0, 1, 1}, 4000, 3000));
        assertEquals(new Rect(3999, 2999, 1, 1), CvtSize.region(new double[] {1, 1, 1, 1}, 4000, 3000));
        assertEquals(new Rect(0, 0, 1, 1), CvtSize.region(new double[] {0, 0, 0.00001, 0.00001}, 4000, 3000));
        assertEquals(null, IipProtocol.region("0.1,0.1,0,0.5"));
        assertEquals(null, IipProtocol.region("0.1,0.1,0.5"));
        assertEquals(null, IipProtocol.region("a,0.1,0.5,0.5"));
        double[] clamped = IipProtocol.region("-1,0.5,2,0.25");
        assertEquals(0.0, clamped[0]);
        assertEquals(1.0, clamped[2]);
    }

    @Test
    void cvtThroughTheRouter() throws IOException {
        IipFixture f = new IipFixture(Map.of());
        HttpResponse r = f.get("FIF=a.tif&RGN=0.25,0.25,0.5,0.5&WID=500&CVT=png");
        assertEquals(200, r.status(), r.bodyText());
        assertEquals("image/png", r.header("Content-Type").orElseThrow());
        assertEquals("inline; filename=\"a_500x375.png\"", r.header("Content-Disposition").orElseThrow());
        ImageRequest q = f.renderer.requests.get(0);
        assertEquals(new Rect(1000, 750, 2000, 1500), q.region());
        assertEquals(Optional.empty(), q.tile());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertEquals(500, img.getWidth());
        assertEquals(375, img.getHeight());
        int rgb = img.getRGB(0, 0);
        assertTrue(TestPattern.close(TestPattern.rgb(1002, 752), new int[] {(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255}, 0));
    }

    @Test
    void contentDispositionNamesAndFormats() {
        IipFixture f = new IipFixture(Map.of("MAX_CVT", "100"));
        f.images.add("folder/b.c.tiff", MemoryImages.pyramid(400, 200, 256, 2, Map.of()));
        assertEquals("inline; filename=\"a_100x75.jpg\"", f.get("FIF=a.tif&CVT=jpeg").header("Content-Disposition").orElseThrow());
        HttpResponse unknown = f.get("FIF=a.tif&WID=40&CVT=gif");
        assertEquals("image/jpeg", unknown.header("Content-Type").orElseThrow());
        assertEquals("inline; filename=\"a_40x30.jpg\"", unknown.header("Content-Disposition").orElseThrow());
        assertEquals("inline; filename=\"b.c_100x50.tif\"",
                f.get("FIF=folder%2Fb.c.tiff&CVT=TIFF").header("Content-Disposition").orElseThrow());
        assertEquals("attachment; filename=\"a_80x60.jpg\"", f.post("FIF=a.tif&WID=80&CVT=jpg").header("Content-Disposition").orElseThrow());
        HttpResponse rotated = f.get("FIF=a.tif&ROT=!90&HEI=30&CVT=png");
        assertEquals("inline; filename=\"a_40x30.png\"", rotated.header("Content-Disposition").orElseThrow());
        ImageRequest last = f.renderer.requests.get(f.renderer.requests.size() - 1);
        assertEquals(90.0, last.rotation().degrees());
        assertTrue(last.rotation().mirror());
        assertEquals(OutputFormat.PNG, last.format());
    }

    @Test
    void suffixIsPartOfTheDownloadName() {
        IipFixture f = new IipFixture(Map.of("FILESYSTEM_SUFFIX", ".tif", "MAX_CVT", "50"));
        f.images.add("plain", MemoryImages.pyramid(100, 100, 256, 1, Map.of()));
        assertEquals("inline; filename=\"plain_50x50.jpg\"", f.get("FIF=plain&CVT=jpeg").header("Content-Disposition").orElseThrow());
        assertEquals("x__1x2.jpg", org.tessera.protocol.DownloadName.of("dir/x\".tif", 1, 2, OutputFormat.JPEG));
    }

    @Test
    void unboundedSizesThatCannotBeBuiltAre400() {
        IipFixture f = new IipFixture(Map.of("MAX_CVT", "-1"));
        HttpResponse r = f.get("FIF=a.tif&WID=100000&CVT=jpeg");
        assertEquals(400, r.status());
        assertEquals("requested size 100000x75000 is too large\n", r.bodyText());
        assertTrue(f.renderer.requests.isEmpty());
    }

    @Test
    void oddRotationsAreIgnoredAndUpscalingIsClampedToTheRegion() {
        IipFixture f = new IipFixture(Map.of("ALLOW_UPSCALING", "0"));
        f.get("FIF=a.tif&ROT=45&RGN=0,0,0.01,0.01&WID=400&CVT=jpeg");
        ImageRequest q = f.renderer.requests.get(0);
        assertEquals(0.0, q.rotation().degrees());
        assertEquals(40, q.width());
        assertEquals(30, q.height());
    }
}
