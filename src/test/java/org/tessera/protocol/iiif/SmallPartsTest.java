package org.tessera.protocol.iiif;

import org.tessera.protocol.PercentDecoding;
import org.tessera.protocol.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.http.HttpError;

class SmallPartsTest {
    @Test
    void decoderDecodesOnceAndKeepsPlusAndStrayPercents() {
        assertEquals("a/b c.tif", PercentDecoding.pathSegment("a%2Fb%20c.tif"));
        assertEquals("x%20y", PercentDecoding.pathSegment("x%2520y"));
        assertEquals("a+b", PercentDecoding.pathSegment("a+b"));
        assertEquals("100%", PercentDecoding.pathSegment("100%"));
        assertEquals("%zz", PercentDecoding.pathSegment("%zz"));
        assertEquals("é", PercentDecoding.pathSegment("%C3%A9"));
        assertEquals(400, assertThrows(HttpError.class, () -> PercentDecoding.pathSegment("a%00b")).status());
    }

    @Test
    void pathIsParsedFromTheRight() {
        IiifPath p = IiifPath.parse("a/b/c.tif/full/max/0/default.jpg");
        assertEquals(IiifPath.Kind.IMAGE, p.kind());
        assertEquals("a/b/c.tif", p.rawIdentifier());
        assertEquals("full", p.region());
        assertEquals("default.jpg", p.qualityFormat());
        assertEquals(IiifPath.Kind.INFO, IiifPath.parse("a/b.tif/info.json").kind());
        assertEquals(IiifPath.Kind.BASE, IiifPath.parse("a.tif").kind());
        assertEquals(IiifPath.Kind.BASE, IiifPath.parse("a.tif/").kind());
        assertEquals(400, assertThrows(HttpError.class, () -> IiifPath.parse("a.tif/max/0/default.jpg")).status());
        assertEquals(400, assertThrows(HttpError.class, () -> IiifPath.parse("/info.json")).status());
    }

    @Test
    void argumentIsFoundWhereItReallyIs() {
        assertEquals(11, ServiceId.argumentPosition("/fcgi?IIIF=a&x=a", "a"));
        assertEquals(6, ServiceId.argumentPosition("/iiif/a.tif/info.json", "a.tif/info.json"));
        assertEquals(-1, ServiceId.argumentPosition("/other", "a.tif"));
    }

    @Test
    void jsonReaderIsStrict() {
        assertEquals(Map.of("a", List.of(1.0, "x", true)), Json.parse("{\"a\": [1, \"x\", true]}"));
        for (String bad : new String[] {"{", "{\"a\":1,}", "[1 2]", "{\"a\":1,\"a\":2}", "01", "\"\\x\"", "{} x"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
        assertEquals("\"q\\\"\\\\\\n\\u0001\"", Json.quote("q\"\\\n\u0001"));
    }
}
