package org.tessera.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvConfigTest {

    private static Config parse(Map<String, String> env) { return EnvConfig.parse(env, 4); }

    private static Config with(String name, String value) { return parse(Map.of(name, value)); }

    @Test
    void defaultsMatchIipsrv() {
        Config c = parse(Map.of());
        assertEquals(1, c.verbosity());
        assertEquals("/tmp/iipsrv.log", c.logFile());
        assertEquals(10_240_000L, c.maxImageCacheBytes());
        assertEquals(1000, c.maxMetadataCacheSize());
        assertEquals("", c.filesystemPrefix());
        assertEquals("", c.filesystemSuffix());
        assertEquals("_pyr_", c.filenamePattern());
        assertEquals(75, c.jpegQuality());
        assertEquals(1, c.pngQuality());
        assertEquals(50, c.webpQuality());
        assertEquals(50, c.avifQuality());
        assertEquals(0, c.avifCodec());
        assertEquals(2, c.tiffCompression());
        assertEquals(1, c.tiffQuality());
        assertEquals(5000, c.maxCvt());
        assertTrue(c.allowUpscaling());
        assertEquals(0, c.maxLayers());
        assertEquals("", c.watermark());
        assertEquals(1.0, c.watermarkProbability());
        assertEquals(1.0, c.watermarkOpacity());
        assertEquals("localhost", c.memcachedServers());
        assertEquals(86400, c.memcachedTimeout());
        assertEquals(1, c.interpolation());
        assertEquals("", c.cors());
        assertEquals("", c.baseUrl());
        assertEquals("max-age=86400", c.cacheControl());
        assertEquals(List.of(), c.uriMaps());
        assertEquals(65536, c.maxIcc());
        assertTrue(c.codecPassthrough());
        assertEquals(0, c.kakaduReadmode());
        assertEquals(3, c.iiifVersion());
        assertEquals("", c.iiifDelimiter());
        assertEquals("", c.iiifExtraInfo());
        assertFalse(c.iiifExtensions());
        assertEquals("", c.copyright());
        assertEquals(4, c.workers());
        assertEquals(256, c.queueLimit());
        assertEquals(1024, c.fcgiMaxConnections());
        assertEquals(120, c.fcgiIdleTimeout());
        assertEquals(60, c.fcgiWriteTimeout());
        assertEquals("", c.fcgiWebServerAddrs());
        assertFalse(c.allowFilesystemRoot());
        assertFalse(c.trustForwarded());
    }

    @Test
    void defaultsAgreeWithConfigDefaults() {
        Config d = Config.defaults("");
        Config c = EnvConfig.parse(Map.of());
        assertEquals(d, c);
    }

    /** variable, value, accessor name, expected value (as string). */
    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "VERBOSITY|3|3", "VERBOSITY|-2|0", "VERBOSITY|0|0",
            "MAX_IMAGE_CACHE_SIZE|0|0", "MAX_IMAGE_CACHE_SIZE|2.5|2560000", "MAX_IMAGE_CACHE_SIZE|-4|0", "MAX_IMAGE_CACHE_SIZE|100|102400000",
            "MAX_METADATA_CACHE_SIZE|0|0", "MAX_METADATA_CACHE_SIZE|-1|-1", "MAX_METADATA_CACHE_SIZE|-7|-1", "MAX_METADATA_CACHE_SIZE|50|50",
            "MAX_IMAGE_METADATA_CACHE_SIZE|42|42",
            "JPEG_QUALITY|0|1", "JPEG_QUALITY|101|100", "JPEG_QUALITY|90|90",
            "PNG_QUALITY|-1|0", "PNG_QUALITY|12|9", "PNG_QUALITY|6|6",
            "WEBP_QUALITY|-5|-1", "WEBP_QUALITY|-1|-1", "WEBP_QUALITY|0|0", "WEBP_QUALITY|200|100",
            "AVIF_QUALITY|-5|-1", "AVIF_QUALITY|101|100", "AVIF_QUALITY|30|30",
            "AVIF_CODEC|2|2", "AVIF_CODEC|4|0", "AVIF_CODEC|-1|0",
            "TIFF_COMPRESSION|5|5", "TIFF_COMPRESSION|6|0", "TIFF_COMPRESSION|-1|0", "TIFF_COMPRESSION|3|3",
            "MAX_CVT|0|5000", "MAX_CVT|-1|-1", "MAX_CVT|-9|1", "MAX_CVT|1200|1200",
            "ALLOW_UPSCALING|0|false", "ALLOW_UPSCALING|7|true",
            "MAX_LAYERS|-1|-1", "MAX_LAYERS|-3|-1", "MAX_LAYERS|4|4",
            "WATERMARK_PROBABILITY|1.5|1.0", "WATERMARK_PROBABILITY|-0.5|0.0", "WATERMARK_PROBABILITY|0.25|0.25",
            "WATERMARK_OPACITY|2|1.0", "WATERMARK_OPACITY|0.5|0.5",
            "MEMCACHED_TIMEOUT|60|60", "MEMCACHED_TIMEOUT|-60|0",
            "INTERPOLATION|0|0", "INTERPOLATION|1|1", "INTERPOLATION|5|1",
            "MAX_ICC|-1|-1", "MAX_ICC|0|0", "MAX_ICC|-9|-1", "MAX_ICC|1000|1000",
            "CODEC_PASSTHROUGH|0|false", "CODEC_PASSTHROUGH|1|true",
            "KAKADU_READMODE|1|1", "KAKADU_READMODE|3|2", "KAKADU_READMODE|-1|0",
            "IIIF_VERSION|2|2", "IIIF_VERSION|0|3", "IIIF_VERSION|-2|3", "IIIF_VERSION|4|4",
            "IIIF_EXTENSIONS|1|true", "IIIF_EXTENSIONS|0|false",
            "TESSERA_WORKERS|8|8", "TESSERA_WORKERS|0|1",
            "TESSERA_QUEUE|10|10", "TESSERA_QUEUE|-1|0",
            "TESSERA_FCGI_MAX_CONNS|50|50", "TESSERA_FCGI_IDLE_TIMEOUT|5|5", "TESSERA_FCGI_WRITE_TIMEOUT|7|7",
            "TESSERA_ALLOW_FILESYSTEM_ROOT|1|true", "TESSERA_TRUST_FORWARDED|1|true", "TESSERA_TRUST_FORWARDED|0|false",
            "JPEG_QUALITY| 80 |80", "JPEG_QUALITY|85.7|85", "JPEG_QUALITY|+60|60", "JPEG_QUALITY||75",
    })
    void numericValuesAreClampedAsIipsrv(String name, String value, String expected) {
        Config c = with(name, value == null ? "" : value);
        assertEquals(expected, String.valueOf(field(name).apply(c)));
    }

    private static Function<Config, Object> field(String name) {
        return switch (name) {
            case "VERBOSITY" -> Config::verbosity;
            case "MAX_IMAGE_CACHE_SIZE" -> Config::maxImageCacheBytes;
            case "MAX_METADATA_CACHE_SIZE", "MAX_IMAGE_METADATA_CACHE_SIZE" -> Config::maxMetadataCacheSize;
            case "JPEG_QUALITY" -> Config::jpegQuality;
            case "PNG_QUALITY" -> Config::pngQuality;
            case "WEBP_QUALITY" -> Config::webpQuality;
            case "AVIF_QUALITY" -> Config::avifQuality;
            case "AVIF_CODEC" -> Config::avifCodec;
            case "TIFF_COMPRESSION" -> Config::tiffCompression;
            case "MAX_CVT" -> Config::maxCvt;
            case "ALLOW_UPSCALING" -> Config::allowUpscaling;
            case "MAX_LAYERS" -> Config::maxLayers;
            case "WATERMARK_PROBABILITY" -> Config::watermarkProbability;
            case "WATERMARK_OPACITY" -> Config::watermarkOpacity;
            case "MEMCACHED_TIMEOUT" -> Config::memcachedTimeout;
            case "INTERPOLATION" -> Config::interpolation;
            case "MAX_ICC" -> Config::maxIcc;
            case "CODEC_PASSTHROUGH" -> Config::codecPassthrough;
            case "KAKADU_READMODE" -> Config::kakaduReadmode;
            case "IIIF_VERSION" -> Config::iiifVersion;
            case "IIIF_EXTENSIONS" -> Config::iiifExtensions;
            case "TESSERA_WORKERS" -> Config::workers;
            case "TESSERA_QUEUE" -> Config::queueLimit;
            case "TESSERA_FCGI_MAX_CONNS" -> Config::fcgiMaxConnections;
            case "TESSERA_FCGI_IDLE_TIMEOUT" -> Config::fcgiIdleTimeout;
            case "TESSERA_FCGI_WRITE_TIMEOUT" -> Config::fcgiWriteTimeout;
            case "TESSERA_ALLOW_FILESYSTEM_ROOT" -> Config::allowFilesystemRoot;
            case "TESSERA_TRUST_FORWARDED" -> Config::trustForwarded;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void ompNumThreadsSetsTheWorkersWhenTesseraWorkersIsAbsent() {
        assertEquals(3, EnvConfig.parse(Map.of("OMP_NUM_THREADS", "3"), 8).workers());
        assertEquals(3 * 64, EnvConfig.parse(Map.of("OMP_NUM_THREADS", "3"), 8).queueLimit());
        assertEquals(6, EnvConfig.parse(Map.of("OMP_NUM_THREADS", " 6,2 "), 8).workers()); // outermost level
        assertEquals(2, EnvConfig.parse(Map.of("OMP_NUM_THREADS", "3", "TESSERA_WORKERS", "2"), 8).workers());
        assertEquals(8, EnvConfig.parse(Map.of("OMP_NUM_THREADS", ""), 8).workers()); // empty = unset
        for (String bad : List.of("0", "-2", "many", ",4", "2.5")) {
            ConfigException e = assertThrows(ConfigException.class, () -> EnvConfig.parse(Map.of("OMP_NUM_THREADS", bad), 8));
            assertTrue(e.getMessage().contains("OMP_NUM_THREADS") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void stringVariablesAreTakenVerbatim() {
        Config c = parse(Map.ofEntries(
                Map.entry("LOGFILE", "/var/log/tessera.log"), Map.entry("FILESYSTEM_PREFIX", "/images/"),
                Map.entry("FILESYSTEM_SUFFIX", ".tif"), Map.entry("FILENAME_PATTERN", "_seq_"),
                Map.entry("WATERMARK", "/wm.tif"), Map.entry("MEMCACHED_SERVERS", "a:11211,b"),
                Map.entry("CORS", "*"), Map.entry("BASE_URL", "https://x.org/iiif/"),
                Map.entry("CACHE_CONTROL", "no-store"), Map.entry("IIIF_DELIMITER", "@"),
                Map.entry("IIIF_EXTRA_INFO", "\"a\": 1"), Map.entry("COPYRIGHT", "CC-BY")));
        assertEquals("/var/log/tessera.log", c.logFile());
        assertEquals("/images/", c.filesystemPrefix());
        assertEquals(".tif", c.filesystemSuffix());
        assertEquals("_seq_", c.filenamePattern());
        assertEquals("/wm.tif", c.watermark());
        assertEquals("a:11211,b", c.memcachedServers());
        assertEquals("*", c.cors());
        assertEquals("https://x.org/iiif/", c.baseUrl());
        assertEquals("no-store", c.cacheControl());
        assertEquals("@", c.iiifDelimiter());
        assertEquals("\"a\": 1", c.iiifExtraInfo());
        assertEquals("CC-BY", c.copyright());
    }

    @Test
    void tiffQualityIsCappedByCompression() {
        assertEquals(9, parse(Map.of("TIFF_QUALITY", "50")).tiffQuality()); // Deflate default
        assertEquals(19, parse(Map.of("TIFF_QUALITY", "50", "TIFF_COMPRESSION", "5")).tiffQuality());
        assertEquals(50, parse(Map.of("TIFF_QUALITY", "50", "TIFF_COMPRESSION", "3")).tiffQuality());
        assertEquals(100, parse(Map.of("TIFF_QUALITY", "150", "TIFF_COMPRESSION", "3")).tiffQuality());
        assertEquals(0, parse(Map.of("TIFF_QUALITY", "-3", "TIFF_COMPRESSION", "3")).tiffQuality());
    }

    @Test
    void metadataCacheNameWinsOverItsDocumentedAlias() {
        assertEquals(5, parse(Map.of("MAX_METADATA_CACHE_SIZE", "5", "MAX_IMAGE_METADATA_CACHE_SIZE", "9")).maxMetadataCacheSize());
    }

    @Test
    void webServerAddressesAreKeptAsGiven() {
        assertEquals("127.0.0.1, ::1", parse(Map.of("FCGI_WEB_SERVER_ADDRS", " 127.0.0.1, ::1 ")).fcgiWebServerAddrs());
    }

    @Test
    void queueDefaultsToSixtyFourPerWorker() {
        assertEquals(64 * 3, parse(Map.of("TESSERA_WORKERS", "3")).queueLimit());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "VERBOSITY|loud", "MAX_IMAGE_CACHE_SIZE|10MB", "MAX_METADATA_CACHE_SIZE|lots", "MAX_IMAGE_METADATA_CACHE_SIZE|x",
            "JPEG_QUALITY|high", "PNG_QUALITY|9a", "WEBP_QUALITY|NaN", "AVIF_QUALITY|Infinity", "AVIF_CODEC|aom",
            "TIFF_COMPRESSION|zstd", "TIFF_QUALITY|1,5", "MAX_CVT|big", "ALLOW_UPSCALING|yes", "MAX_LAYERS|all",
            "WATERMARK_PROBABILITY|half", "WATERMARK_OPACITY|0.5f", "MEMCACHED_TIMEOUT|1d", "INTERPOLATION|bilinear",
            "MAX_ICC|64k", "CODEC_PASSTHROUGH|true", "KAKADU_READMODE|fussy", "IIIF_VERSION|v3", "IIIF_EXTENSIONS|on",
            "TESSERA_WORKERS|many", "TESSERA_QUEUE|0x10",
            "TESSERA_FCGI_MAX_CONNS|0", "TESSERA_FCGI_IDLE_TIMEOUT|-1", "TESSERA_FCGI_WRITE_TIMEOUT|0",
            "TESSERA_FCGI_MAX_CONNS|lots", "FCGI_WEB_SERVER_ADDRS|nginx.local", "FCGI_WEB_SERVER_ADDRS|127.0.0.1,10.0.0",
            "TESSERA_TRUST_FORWARDED|yes",
    })
    void garbageNumbersAreRefusedNamingTheVariable(String name, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> with(name, value));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
        assertEquals(name, e.variable());
    }

    @Test
    void uriMapAcceptsOneOrSeveralMappingsCaseInsensitively() {
        assertEquals(List.of(new UriMap("iiif", UriMap.Protocol.IIIF)), with("URI_MAP", "iiif=>IIIF").uriMaps());
        assertEquals(List.of(new UriMap("iiif", UriMap.Protocol.IIIF), new UriMap("dz", UriMap.Protocol.DEEPZOOM),
                        new UriMap("zoom", UriMap.Protocol.ZOOMIFY), new UriMap("fif", UriMap.Protocol.IIP)),
                with("URI_MAP", "iiif=>iiif, /dz/=>DeepZoom,zoom=>ZOOMIFY,fif=>iip").uriMaps());
        assertEquals(List.of(new UriMap("", UriMap.Protocol.IIIF)), with("URI_MAP", "=>IIIF").uriMaps());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"iiif", "iiif=>", "iiif=>WMS", "iiif->IIIF", "iiif=>IIIF,zoom"})
    void badUriMapsAreRefused(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> with("URI_MAP", value));
        assertTrue(e.getMessage().startsWith("URI_MAP=\"" + value + "\""), e.getMessage());
    }

    @Test
    void describeGivesOneBannerLinePerSetting() {
        List<String> lines = EnvConfig.describe(parse(Map.of("URI_MAP", "iiif=>IIIF,dz=>DeepZoom", "MAX_CVT", "-1")));
        assertTrue(lines.contains("Setting maximum image cache size to 10MB"), lines.toString());
        assertTrue(lines.contains("Setting maximum CVT size to unlimited"));
        assertTrue(lines.contains("Setting URI mapping to /iiif/ => IIIF"));
        assertTrue(lines.contains("Setting URI mapping to /dz/ => DEEPZOOM"));
        assertTrue(lines.contains("Setting default TIFF compression to Deflate"));
        assertTrue(lines.contains("Setting HTTP Cache-Control header to 'max-age=86400'"));
        assertTrue(lines.size() > 30);
    }
}
