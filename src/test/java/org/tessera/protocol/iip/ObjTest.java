package org.tessera.protocol.iip;

import org.tessera.testing.MemoryImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.http.HttpResponse;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.SampleFormat;

class ObjTest {
    private final IipFixture f = new IipFixture(Map.of());

    private String body(String query) {
        HttpResponse r = f.get(query);
        assertEquals(200, r.status(), r.bodyText());
        return r.bodyText();
    }

    @Test
    void sectionEightExampleIsByteExactWithTheProtocolLineFirst() {
        HttpResponse r = f.get("FIF=a.tif&OBJ=Max-size&OBJ=IIP,1.0&OBJ=Tile-size&OBJ=Resolution-number");
        assertEquals(200, r.status());
        assertEquals("IIP:1.0\r\nMax-size:4000 3000\r\nTile-size:256 256\r\nResolution-number:5\r\n", r.bodyText());
        assertEquals(List.of("Server", "X-Powered-By", "Content-Type", "Last-Modified", "Cache-Control", "Content-Length"),
                r.headers().stream().map(h -> h.name()).toList());
        assertEquals("application/vnd.netfpx", r.header("Content-Type").orElseThrow());
        assertEquals("Fri, 01 Mar 2024 10:15:30 GMT", r.header("Last-Modified").orElseThrow());
        assertEquals("max-age=86400", r.header("Cache-Control").orElseThrow());
        assertEquals(Integer.toString(r.body().length), r.header("Content-Length").orElseThrow());
    }

    @Test
    void everyImageObject() {
        assertEquals("IIP-server:3.65\r\nMax-size:4000 3000\r\nResolution-number:5\r\nColorspace,0-4,0:0 0 3 3 0 1 2\r\n",
                body("FIF=a.tif&OBJ=Basic-Info"));
        assertEquals("Bits-per-channel:8\r\nVertical-views:90\r\nHorizontal-views:0\r\n",
                body("FIF=a.tif&OBJ=bits-per-channel&OBJ=vertical-views&OBJ=horizontal-views"));
        assertEquals("Min-Max-sample-values: 0  255  0  255  0  255\r\n", body("FIF=a.tif&OBJ=Min-Max-sample-values"));
        assertEquals("Resolutions:250 188,500 375,1000 750,2000 1500,4000 3000\r\n", body("FIF=a.tif&OBJ=Resolutions"));
        assertEquals("Colorspace,0-4,0:0 0 3 3 0 1 2\r\n", body("FIF=a.tif&OBJ=colorspace,0-4,0"));
        assertEquals("Max-size:3000 4000\r\n", body("FIF=a.tif&ROT=90&OBJ=max-size"));
        assertEquals("", body("FIF=a.tif&OBJ=dpi&OBJ=iip,1.0").replace("IIP:1.0\r\n", ""));
    }

    @Test
    void serverObjectsNeedNoImage() {
        assertEquals("IIP-server:3.65\r\n"
                        + "IIP-opt-comm:CVT QLT JTL JTLS WID HEI RGN\r\n"
                        + "IIP-opt-obj:Horizontal-views Vertical-views Tile-size Bits-per-channel Min-Max-sample-values Resolutions\r\n",
                body("OBJ=IIP-server&OBJ=iip-opt-comm&OBJ=IIP-OPT-OBJ"));
    }

    @Test
    void greyLabStackDpiAndSixteenBitImages() {
        List<Level> levels = List.of(new Level(1000, 600, 256, 256), new Level(500, 300, 256, 256));
        f.images.add("grey.tif", new ImageInfo(levels, 1, 1, 16, SampleFormat.UNSIGNED_INT, ColourSpace.GREY,
                new double[] {0}, new double[] {65535}, Map.of(), 300, 150, MemoryImages.MTIME));
        f.images.add("lab.tif", new ImageInfo(levels, 3, 3, 8, SampleFormat.UNSIGNED_INT, ColourSpace.CIELAB,
                new double[] {0, -128, -128}, new double[] {100, 127.5, 127}, Map.of(), 0, 0, MemoryImages.MTIME));
        assertEquals("Colorspace,0-1,0:0 0 1 1 0\r\nBits-per-channel:16\r\nMin-Max-sample-values: 0  65535\r\n"
                        + "DPI:11811.023622 5905.511811\r\n",
                body("FIF=grey.tif&OBJ=colorspace&OBJ=bits-per-channel&OBJ=min-max-sample-values&OBJ=DPI"));
        assertEquals("Colorspace,0-1,0:1 0 4 3 0 1 2\r\nHorizontal-views:0 1 2\r\nMin-Max-sample-values: 0  100  -128  127.5  -128  127\r\n",
                body("FIF=lab.tif&OBJ=colorspace&OBJ=horizontal-views&OBJ=min-max-sample-values"));
        HttpResponse stack = f.get("FIF=lab.tif&OBJ=stack");
        assertEquals("application/json", stack.header("Content-Type").orElseThrow());
        assertTrue(stack.bodyText().startsWith("[\n\t{\n\t\t\"id\": 0,"), stack.bodyText());
    }

    @Test
    void metadataObjects() {
        f.images.add("m.tif", MemoryImages.pyramid(512, 512, 256, 2, Map.of("title", "Night \"Watch\"", "creator", "Rembrandt",
                "rights", "CC0", "xmp", "<x:xmpmeta/>", "date", "1642\\03")));
        HttpResponse title = f.get("FIF=m.tif&OBJ=Title");
        assertEquals("text/plain", title.header("Content-Type").orElseThrow());
        assertEquals("Night \"Watch\"\r\n", title.bodyText());
        assertEquals("application/xml", f.get("FIF=m.tif&OBJ=xmp").header("Content-Type").orElseThrow());
        assertEquals("CC0\r\nRembrandt\r\n1642\\03\r\n", body("FIF=m.tif&OBJ=summary-info"));
        HttpResponse json = f.get("FIF=m.tif&OBJ=metadata");
        assertEquals("application/json", json.header("Content-Type").orElseThrow());
        assertEquals("{\n\t\"creator\": \"Rembrandt\",\n\t\"date\": \"1642\\\\03\",\n\t\"rights\": \"CC0\",\n"
                + "\t\"title\": \"Night \\\"Watch\\\"\"\n}\r\n", json.bodyText());
        assertEquals("", body("FIF=m.tif&OBJ=software&OBJ=iip,1.0").replace("IIP:1.0\r\n", ""));
    }

    @Test
    void unknownObjectIsError32() {
        HttpResponse r = f.get("FIF=a.tif&OBJ=Horizontal-angle-spacing");
        assertEquals(400, r.status());
        assertEquals("Error/28:3 2 horizontal-angle-spacing\r\n", r.bodyText());
    }

    @Test
    void imageObjectWithoutFifIsError13() {
        HttpResponse r = f.get("OBJ=Max-size");
        assertEquals(400, r.status());
        assertEquals("Error/12:1 3 max-size\r\n", r.bodyText());
    }
}
