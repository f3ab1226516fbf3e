package org.tessera.it;

import org.tessera.testing.TestJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IIIF through nginx with URI_MAP="iiif=>IIIF" (iipsrv-behaviour.md section 9.5): info.json, then
 * every tile OpenSeadragon would request for the whole image, in v3 and v2 forms.
 */
class NginxIiifIT extends StackTestBase {
    private static final String V2 = "http://iiif.io/api/image/2/context.json";
    private static final String V3 = "http://iiif.io/api/image/3/context.json";

    private String infoUrl() { return stack.base() + "/iiif/" + ItSupport.IMAGE + "/info.json"; }

    @Test
    @SuppressWarnings("unchecked")
    void infoJsonV3() {
        Http.Reply r = Http.get(infoUrl());
        assertEquals(200, r.status(), r::toString);
        assertEquals("application/ld+json;profile=\"" + V3 + "\"", r.contentType(), r::toString);
        Map<String, Object> info = TestJson.object(r.text());
        assertEquals(V3, info.get("@context"));
        assertEquals("ImageService3", info.get("type"));
        assertEquals("http://iiif.io/api/image", info.get("protocol"));
        assertEquals(stack.base() + "/iiif/" + ItSupport.IMAGE, info.get("id"));
        assertEquals((double) ItSupport.WIDTH, info.get("width"));
        assertEquals((double) ItSupport.HEIGHT, info.get("height"));
        Map<String, Object> tiles = (Map<String, Object>) ((List<Object>) info.get("tiles")).get(0);
        assertEquals(256.0, tiles.get("width"));
        assertEquals(256.0, tiles.get("height"));
        List<Object> factors = (List<Object>) tiles.get("scaleFactors");
        assertEquals(levels.size(), factors.size(), "one scale factor per level: " + factors);
        assertEquals(1.0, factors.get(0));
        List<Object> sizes = (List<Object>) info.get("sizes");
        // Every stored level, so OpenSeadragon takes level sizes from here instead of guessing (iipsrv omits the full one).
        assertEquals(levels.size(), sizes.size(), "sizes = every level: " + sizes);
        Map<String, Object> smallest = (Map<String, Object>) sizes.get(0);
        TestImages.StoredLevel last = levels.get(levels.size() - 1);
        assertEquals((double) last.width(), smallest.get("width"));
        assertEquals((double) last.height(), smallest.get("height"));
        assertEquals("*", r.header("access-control-allow-origin").orElse(null), r::toString);
    }

    @Test
    void baseUriRedirectsToInfoJson() {
        Http.Reply r = Http.get(stack.base() + "/iiif/" + ItSupport.IMAGE);
        assertEquals(303, r.status(), r::toString);
        assertTrue(r.header("location").orElse("").endsWith("/iiif/" + ItSupport.IMAGE + "/info.json"), r::toString);
    }

    @Test
    void everyOpenSeadragonTileV3() {
        Map<String, Object> info = TestJson.object(Http.get(infoUrl()).text());
        OsdIiifTiles.assertAll(OsdIiifTiles.all(info, 3), Map.of(), levels);
    }

    @Test
    void everyOpenSeadragonTileV2NegotiatedByAccept() {
        Map<String, String> accept = Map.of("Accept", "application/ld+json;profile=\"" + V2 + "\"");
        Http.Reply r = Http.get(infoUrl(), accept);
        assertEquals(200, r.status(), r::toString);
        Map<String, Object> info = TestJson.object(r.text());
        assertEquals(V2, info.get("@context"), r::toString);
        assertEquals(stack.base() + "/iiif/" + ItSupport.IMAGE, info.get("@id"));
        OsdIiifTiles.assertAll(OsdIiifTiles.all(info, 2), accept, levels);
    }

    @Test
    void regionAndSizeForms() {
        String base = stack.base() + "/iiif/" + ItSupport.IMAGE;
        Http.Reply thumb = Http.get(base + "/full/!200,200/0/default.jpg");
        assertEquals(200, thumb.status(), thumb::toString);
        BufferedImage t = TestImages.decode(thumb.body());
        assertEquals(200, t.getWidth());
        assertTrue(Math.abs(t.getHeight() - 147) <= 1, "height " + t.getHeight());

        Http.Reply pct = Http.get(base + "/pct:25,25,50,50/300,/0/default.jpg");
        assertEquals(200, pct.status(), pct::toString);
        BufferedImage p = TestImages.decode(pct.body());
        assertEquals(300, p.getWidth());
        assertTrue(TestImages.checkPattern(p, 375, 275, 750, 550, "pct region") > 50);

        Http.Reply upscale = Http.get(base + "/0,0,100,100/200,/0/default.jpg");
        assertEquals(400, upscale.status(), () -> "v3 upscaling without ^ must be refused: " + upscale);
        // Arbitrary angles go beyond iipsrv (which answers 400): the output is the rotated bounding box,
        // white outside the image for JPEG, the image centre unchanged.
        Http.Reply rot = Http.get(base + "/full/max/45/default.jpg");
        assertEquals(200, rot.status(), rot::toString);
        BufferedImage r45 = TestImages.decode(rot.body());
        int side = (int) Math.round((ItSupport.WIDTH + ItSupport.HEIGHT) * Math.sqrt(0.5));
        assertTrue(Math.abs(r45.getWidth() - side) <= 1 && Math.abs(r45.getHeight() - side) <= 1, r45.getWidth() + "x" + r45.getHeight());
        int corner = r45.getRGB(2, 2);
        assertTrue(((corner >> 16) & 0xFF) > 240 && ((corner >> 8) & 0xFF) > 240 && (corner & 0xFF) > 240, "corner is white background");
        int[] expected = org.tessera.testing.TestPattern.rgb(ItSupport.WIDTH / 2, ItSupport.HEIGHT / 2);
        int centre = r45.getRGB(r45.getWidth() / 2, r45.getHeight() / 2);
        assertTrue(org.tessera.testing.TestPattern.close(expected, new int[] {(centre >> 16) & 0xFF, (centre >> 8) & 0xFF, centre & 0xFF}, 40),
                "centre colour");
        Http.Reply badRot = Http.get(base + "/full/max/abc/default.jpg");
        assertEquals(400, badRot.status(), badRot::toString);
    }

    @Test
    void oneLinkLineAndEveryAdvertisedFormatThroughNginx() throws Exception {
        String base = stack.base() + "/iiif/" + ItSupport.IMAGE;
        Http.Reply r = Http.get(base + "/full/300,/0/default.jpg");
        assertEquals(200, r.status(), r::toString);
        List<String> links = r.headers().entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("link"))
                .flatMap(e -> e.getValue().stream()).toList();
        assertEquals(List.of("<http://iiif.io/api/image/3/level2.json>;rel=\"profile\", <" + base
                + "/full/300,220/0/default.jpg>;rel=\"canonical\""), links, "profile and canonical in one Link line");

        @SuppressWarnings("unchecked")
        List<Object> extra = (List<Object>) TestJson.object(Http.get(infoUrl()).text()).get("extraFormats");
        assertEquals(List.of("tif", "webp", "avif", "gif"), extra, "the stack's libraries are all installed");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("formats");
        for (Object format : extra) {
            Http.Reply img = Http.get(base + "/full/300,/0/default." + format);
            assertEquals(200, img.status(), img::toString);
            java.nio.file.Path file = dir.resolve("answer." + format);
            java.nio.file.Files.write(file, img.body());
            // vips decodes each (AVIF through libheif): independent of our encoders
            assertEquals(300, org.tessera.testing.Tools.vipsShape(file)[0], format + " width");
        }
    }
}
