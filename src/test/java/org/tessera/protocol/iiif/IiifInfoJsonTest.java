package org.tessera.protocol.iiif;

import org.tessera.testing.TestJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.fixtures.Harness;
import org.tessera.testing.PatternSource;
import org.tessera.format.OutputFormat;

/** info.json for both versions, parsed as JSON and checked field by field against the specs. */
class IiifInfoJsonTest {
    Harness h;
    IiifHandler handler = new IiifHandler(org.tessera.format.OutputFormats.of(OutputFormat.JPEG, OutputFormat.PNG, OutputFormat.TIFF));

    @BeforeEach
    void setUp() {
        h = new Harness();
        h.images.put("a.tif", new PatternSource(1000, 700, 4, 256));
        h.images.put("sub/b.tif", new PatternSource(300, 200, 2, 256, 1,
                Map.of("rights", "http://rightsstatements.org/vocab/InC/1.0/"), 300));
    }

    HttpResponse info(String id, Map<String, String> headers) {
        return h.call(handler, id + "/info.json", "/iiif/" + id + "/info.json", headers);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse r) {
        assertEquals(200, r.status(), r::bodyText);
        return (Map<String, Object>) TestJson.parse(r.bodyText());
    }

    static List<Double> nums(Object list) {
        @SuppressWarnings("unchecked") List<Double> l = (List<Double>) list;
        return l;
    }

    @Test
    @SuppressWarnings("unchecked")
    void version3HasEveryField() {
        HttpResponse r = info("a.tif", Map.of());
        assertEquals("application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"", r.header("Content-Type").orElseThrow());
        assertEquals("max-age=86400", r.header("Cache-Control").orElseThrow());
        assertEquals("Fri, 01 Mar 2024 12:00:00 GMT", r.header("Last-Modified").orElseThrow());
        Map<String, Object> j = json(r);
        assertEquals("http://iiif.io/api/image/3/context.json", j.get("@context"));
        assertEquals("http://example.org/iiif/a.tif", j.get("id"));
        assertEquals("ImageService3", j.get("type"));
        assertEquals("http://iiif.io/api/image", j.get("protocol"));
        assertEquals("level2", j.get("profile"));
        assertEquals(1000.0, j.get("width"));
        assertEquals(700.0, j.get("height"));
        List<Map<String, Object>> sizes = (List<Map<String, Object>>) j.get("sizes");
        assertEquals(List.of(Map.of("width", 125.0, "height", 87.0), Map.of("width", 250.0, "height", 175.0),
                Map.of("width", 500.0, "height", 350.0), Map.of("width", 1000.0, "height", 700.0)), sizes);
        List<Map<String, Object>> tiles = (List<Map<String, Object>>) j.get("tiles");
        assertEquals(1, tiles.size());
        assertEquals(256.0, tiles.get(0).get("width"));
        assertEquals(256.0, tiles.get(0).get("height"));
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0), nums(tiles.get(0).get("scaleFactors")));
        assertEquals(5000.0, j.get("maxWidth"));
        assertEquals(5000.0, j.get("maxHeight"));
        assertFalse(j.containsKey("maxArea"));
        assertEquals(List.of("color", "gray", "bitonal"), j.get("extraQualities"));
        assertEquals(List.of("tif"), j.get("extraFormats"));
        List<String> features = (List<String>) j.get("extraFeatures");
        for (String f : List.of("mirroring", "rotationArbitrary", "sizeUpscaling", "profileLinkHeader", "canonicalLinkHeader", "regionSquare")) {
            assertTrue(features.contains(f), f);
        }
        assertFalse(features.contains("sizeAboveFull"));
        assertFalse(features.contains("cors"), "CORS is off by default");
        assertFalse(j.containsKey("rights"));
        assertFalse(j.containsKey("service"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void version2HasEveryField() {
        h.with("iiifVersion", 2);
        HttpResponse r = info("a.tif", Map.of());
        assertEquals("application/json", r.header("Content-Type").orElseThrow());
        Map<String, Object> j = json(r);
        assertEquals("http://iiif.io/api/image/2/context.json", j.get("@context"));
        assertEquals("http://example.org/iiif/a.tif", j.get("@id"));
        assertFalse(j.containsKey("id"));
        assertFalse(j.containsKey("type"));
        assertEquals("http://iiif.io/api/image", j.get("protocol"));
        List<Object> profile = (List<Object>) j.get("profile");
        assertEquals("http://iiif.io/api/image/2/level2.json", profile.get(0));
        Map<String, Object> p = (Map<String, Object>) profile.get(1);
        assertEquals(List.of("jpg", "png", "tif"), p.get("formats"));
        assertEquals(List.of("default", "color", "gray", "bitonal"), p.get("qualities"));
        List<String> supports = (List<String>) p.get("supports");
        for (String f : List.of("sizeAboveFull", "sizeByDistortedWh", "sizeByConfinedWh", "regionSquare", "mirroring", "rotationArbitrary")) {
            assertTrue(supports.contains(f), f);
        }
        assertFalse(supports.contains("sizeUpscaling"));
        assertEquals(5000.0, p.get("maxWidth"));
        assertEquals(4, ((List<?>) j.get("sizes")).size());
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0), nums(((List<Map<String, Object>>) j.get("tiles")).get(0).get("scaleFactors")));
    }

    @Test
    void acceptHeaderSelectsTheVersionAndMakesTheAnswerPrivate() {
        HttpResponse r = info("a.tif", Map.of("accept", "application/ld+json;profile=\"http://iiif.io/api/image/2/context.json\""));
        Map<String, Object> j = json(r);
        assertEquals("http://iiif.io/api/image/2/context.json", j.get("@context"));
        assertEquals("application/ld+json;profile=\"http://iiif.io/api/image/2/context.json\"", r.header("Content-Type").orElseThrow());
        assertEquals("private, max-age=86400", r.header("Cache-Control").orElseThrow());
        assertEquals("Accept", r.header("Vary").orElseThrow());
        // asking for the configured version changes nothing
        r = info("a.tif", Map.of("accept", "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\""));
        assertEquals("ImageService3", json(r).get("type"));
        assertEquals("max-age=86400", r.header("Cache-Control").orElseThrow());
    }

    @Test
    void plainJsonWhenTheClientPrefersIt() {
        assertEquals("application/json", info("a.tif", Map.of("accept", "application/json")).header("Content-Type").orElseThrow());
        assertEquals("application/json",
                info("a.tif", Map.of("accept", "application/ld+json;q=0.5, application/json")).header("Content-Type").orElseThrow());
        assertTrue(info("a.tif", Map.of("accept", "*/*")).header("Content-Type").orElseThrow().startsWith("application/ld+json"));
        h.with("iiifVersion", 2);
        assertTrue(info("a.tif", Map.of("accept", "application/ld+json")).header("Content-Type").orElseThrow().startsWith("application/ld+json"));
    }

    @Test
    void unlimitedMaxCvtOmitsTheLimits() {
        h.with("maxCvt", -1);
        Map<String, Object> j = json(info("a.tif", Map.of()));
        assertFalse(j.containsKey("maxWidth"));
        assertFalse(j.containsKey("maxHeight"));
        h.with("iiifVersion", 2);
        String body = info("a.tif", Map.of()).bodyText();
        assertFalse(body.contains("maxWidth"));
        assertFalse(body.contains("4294967295"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sizesStayWithinTheLimits() {
        h.with("maxCvt", 400);
        Map<String, Object> j = json(info("a.tif", Map.of()));
        assertEquals(400.0, j.get("maxWidth"));
        List<Map<String, Object>> sizes = (List<Map<String, Object>>) j.get("sizes");
        assertEquals(List.of(125.0, 250.0), sizes.stream().map(s -> s.get("width")).toList());
    }

    @Test
    void idComesFromTheHeaderThenBaseUrlThenTheRequest() {
        assertEquals("https://iiif.example.com/x/y", json(info("a.tif", Map.of("x-iiif-id", "https://iiif.example.com/x/y"))).get("id"));
        assertEquals("http://proxy.example/img/\"q\"", json(info("a.tif", Map.of("x-iiif-id", "http://proxy.example/img/\"q\""))).get("id"));
        assertEquals("https://public.example/proxy/iiif/a.tif",
                json(info("a.tif", Map.of("x-forwarded-proto", "https", "x-forwarded-host", "public.example, internal",
                        "x-forwarded-prefix", "/proxy/"))).get("id"));
        HttpResponse q = h.call(handler, "a.tif/info.json", "/fcgi-bin/iipsrv.fcgi?IIIF=a.tif/info.json", Map.of());
        assertEquals("http://example.org/fcgi-bin/iipsrv.fcgi?IIIF=a.tif", json(q).get("id"));
        h.with("baseUrl", "https://cdn.example/iiif/");
        assertEquals("https://cdn.example/iiif/a.tif", json(info("a.tif", Map.of())).get("id"));
    }

    @Test
    void encodedIdentifiersAreDecodedOnceAndKeptEncodedInTheId() {
        HttpResponse r = info("sub%2Fb.tif", Map.of());
        assertEquals("http://example.org/iiif/sub%2Fb.tif", json(r).get("id"));
        assertEquals("sub/b.tif", h.images.opened.get(h.images.opened.size() - 1));
    }

    @Test
    void rightsAreAUriInV3AndLicenseOrAttributionInV2() {
        Map<String, Object> j = json(info("sub%2Fb.tif", Map.of()));
        assertEquals("http://rightsstatements.org/vocab/InC/1.0/", j.get("rights"));
        h.with("copyright", "© Example \"Museum\"");
        assertFalse(json(info("a.tif", Map.of())).containsKey("rights"));
        h.with("iiifVersion", 2);
        Map<String, Object> v2 = json(info("a.tif", Map.of()));
        assertEquals("© Example \"Museum\"", v2.get("attribution"));
        assertFalse(v2.containsKey("license"));
        assertEquals("http://rightsstatements.org/vocab/InC/1.0/", json(info("sub%2Fb.tif", Map.of())).get("license"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void maxAreaIsDeclaredWhereItBinds() {
        h.with("maxCvt", -1);
        Map<String, Object> j = json(info("a.tif", Map.of()));
        assertEquals(1.0e8, j.get("maxArea"));
        assertFalse(j.containsKey("maxWidth"));
        h.with("maxCvt", 20000);
        j = json(info("a.tif", Map.of()));
        assertEquals(1.0e8, j.get("maxArea"));
        assertEquals(20000.0, j.get("maxWidth"));
        h.with("iiifVersion", 2);
        Map<String, Object> profile = (Map<String, Object>) ((List<Object>) json(info("a.tif", Map.of())).get("profile")).get(1);
        assertEquals(1.0e8, profile.get("maxArea"));
        h.with("maxCvt", 5000);
        profile = (Map<String, Object>) ((List<Object>) json(info("a.tif", Map.of())).get("profile")).get(1);
        assertFalse(profile.containsKey("maxArea"), "5000 x 5000 is within the area limit");
    }

    @Test
    @SuppressWarnings("unchecked")
    void physicalDimensionsServiceWhenTheImageHasAResolution() {
        Map<String, Object> j = json(info("sub%2Fb.tif", Map.of()));
        Map<String, Object> s = ((List<Map<String, Object>>) j.get("service")).get(0);
        assertEquals("http://iiif.io/api/annex/services/physdim", s.get("profile"));
        assertEquals(1.0 / 300, (Double) s.get("physicalScale"), 1e-8);
        assertEquals("in", s.get("physicalUnits"));
        // 3.0: every service has id and type
        assertEquals("http://example.org/iiif/sub%2Fb.tif#physdim", s.get("id"));
        assertEquals("PhysicalDimensions", s.get("type"));
        assertFalse(s.containsKey("@context"));
        h.with("iiifVersion", 2);
        Map<String, Object> v2 = ((List<Map<String, Object>>) json(info("sub%2Fb.tif", Map.of())).get("service")).get(0);
        assertEquals("http://iiif.io/api/annex/services/physdim/1/context.json", v2.get("@context"));
        assertFalse(v2.containsKey("id"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void extraInfoIsSplicedInOnlyWhenValid() {
        h.with("iiifExtraInfo", "\"partOf\" : [ { \"id\" : \"https://example.org/manifest\", \"type\" : \"Manifest\" } ]");
        Map<String, Object> j = json(info("a.tif", Map.of()));
        assertEquals("Manifest", ((List<Map<String, Object>>) j.get("partOf")).get(0).get("type"));
        h.with("iiifExtraInfo", "{\"seeAlso\": []}");
        assertTrue(json(info("a.tif", Map.of())).containsKey("seeAlso"));
        h.with("iiifExtraInfo", "\"broken\" : [");
        assertFalse(json(info("a.tif", Map.of())).containsKey("broken"));
        h.with("iiifExtraInfo", "\"width\" : 1");
        assertEquals(1000.0, json(info("a.tif", Map.of())).get("width"));
    }

    @Test
    void greyImagesDoNotAdvertiseColor() {
        h.images.put("g.tif", new PatternSource(new org.tessera.image.ImageInfo(
                List.of(new org.tessera.image.Level(100, 100, 256, 256)), 1, 1, 8, org.tessera.image.SampleFormat.UNSIGNED_INT,
                org.tessera.image.ColourSpace.GREY, new double[] {0}, new double[] {255}, Map.of(), 0, 0, PatternSource.MTIME)));
        assertEquals(List.of("gray", "bitonal"), json(info("g.tif", Map.of())).get("extraQualities"));
    }

    @Test
    void perLevelTileSizesGetTheirOwnTilesEntry() {
        h.images.put("m.tif", new PatternSource(new org.tessera.image.ImageInfo(
                List.of(new org.tessera.image.Level(2048, 1024, 512, 512), new org.tessera.image.Level(1024, 512, 256, 256),
                        new org.tessera.image.Level(512, 256, 256, 256)), 1, 3, 8, org.tessera.image.SampleFormat.UNSIGNED_INT,
                org.tessera.image.ColourSpace.SRGB, new double[3], new double[3], Map.of(), 0, 0, PatternSource.MTIME)));
        String body = info("m.tif", Map.of()).bodyText();
        TestJson.parse(body);
        assertTrue(body.contains("{ \"width\" : 512, \"height\" : 512, \"scaleFactors\" : [ 1 ] }"), body);
        assertTrue(body.contains("{ \"width\" : 256, \"height\" : 256, \"scaleFactors\" : [ 2, 4 ] }"), body);
    }

    @Test
    @SuppressWarnings("unchecked")
    void corsIsAdvertisedOnlyWhenConfigured() {
        h.with("cors", "*");
        assertTrue(((List<String>) json(info("a.tif", Map.of())).get("extraFeatures")).contains("cors"));
        h.with("iiifVersion", 2);
        Map<String, Object> p = (Map<String, Object>) ((List<Object>) json(info("a.tif", Map.of())).get("profile")).get(1);
        assertTrue(((List<String>) p.get("supports")).contains("cors"));
    }

    @Test
    void notModifiedAndCors() {
        h.with("cors", "*");
        HttpResponse r = info("a.tif", Map.of("if-modified-since", "Fri, 01 Mar 2024 12:00:00 GMT"));
        assertEquals(304, r.status());
        assertEquals(0, r.body().length);
        r = info("a.tif", Map.of("if-modified-since", "Thu, 29 Feb 2024 12:00:00 GMT"));
        assertEquals(200, r.status());
        assertEquals("*", r.header("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(Integer.toString(r.body().length), r.header("Content-Length").orElseThrow());
    }
}
