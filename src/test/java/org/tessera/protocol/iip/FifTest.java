package org.tessera.protocol.iip;

import org.tessera.testing.MemoryImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.ProtocolContext;
import org.tessera.protocol.ProtocolHandler;

class FifTest {
    private final IipFixture f = new IipFixture(Map.of());

    @Test
    void identifierIsDecodedOnce() {
        f.images.add("my folder/b.tif", MemoryImages.standard());
        assertEquals(200, f.get("FIF=my+folder%2Fb.tif&JTL=0,0").status());
        assertEquals(List.of("my folder/b.tif"), f.images.opened);
    }

    @Test
    void ifModifiedSinceAtOrAfterTheMtimeIs304() {
        HttpResponse same = f.get("FIF=a.tif&JTL=0,0", Map.of("if-modified-since", "Fri, 01 Mar 2024 10:15:30 GMT"));
        assertEquals(304, same.status());
        assertEquals(0, same.body().length);
        assertEquals("Fri, 01 Mar 2024 10:15:30 GMT", same.header("Last-Modified").orElseThrow());
        assertEquals(304, f.get("FIF=a.tif&OBJ=max-size", Map.of("if-modified-since", "Sat, 02 Mar 2024 00:00:00 GMT")).status());
        assertEquals(200, f.get("FIF=a.tif&JTL=0,0", Map.of("if-modified-since", "Fri, 01 Mar 2024 10:15:29 GMT")).status());
        assertEquals(200, f.get("FIF=a.tif&JTL=0,0", Map.of("if-modified-since", "yesterday")).status());
        assertTrue(f.renderer.requests.size() == 2);
    }

    @Test
    void otherProtocolsGetTheRawArgumentAndEarlierQuality() {
        List<String> seen = new ArrayList<>();
        List<ProtocolContext> contexts = new ArrayList<>();
        ProtocolHandler iiif = (arg, ctx) -> {
            seen.add(arg);
            contexts.add(ctx);
            return ctx.responses().document("application/json", "{}", null, null);
        };
        IipFixture g = new IipFixture(Map.of(), Map.of("iiif", iiif));
        assertEquals(200, g.get("QLT=80&IIIF=a%20b.tif/info.json").status());
        assertEquals(List.of("a%20b.tif/info.json"), seen);
        assertEquals(80, contexts.get(0).encoderQuality());
        assertEquals("QLT=80&IIIF=a%20b.tif/info.json", contexts.get(0).requestString());
        g.get("iiif=x.tif/info.json");
        assertEquals(-1, contexts.get(1).encoderQuality());
        HttpResponse missing = g.get("DeepZoom=a.tif.dzi");
        assertEquals(501, missing.status());
        assertEquals("deepzoom protocol is not available\n", missing.bodyText());
    }
}
