package org.tessera.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.tessera.cache.TileCache;
import org.tessera.codec.Codecs;
import org.tessera.codec.DefaultCodecs;
import org.tessera.config.Config;
import org.tessera.config.EnvConfig;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.protocol.deepzoom.DeepZoomHandler;
import org.tessera.protocol.iiif.IiifHandler;
import org.tessera.protocol.zoomify.ZoomifyHandler;
import org.tessera.format.OutputFormat;
import org.tessera.format.OutputFormats;
import org.tessera.server.Router;
import org.tessera.server.Tessera;
import org.tessera.service.DefaultImageService;
import org.tessera.testing.MemoryImages;

/**
 * The real request path (router, protocols, planner, renderer, encoders) over one small in-memory
 * pyramid, for fuzz targets that feed it request strings. Output sizes are capped (MAX_CVT) so one
 * input costs milliseconds. The oracle: every answer is well formed and never a 500, which the
 * router gives only for an exception nobody anticipated.
 */
public final class FuzzStack {
    private final Router router;

    public FuzzStack() {
        // a log line per input would cost more than the input itself; failures surface as assertions
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Config config = EnvConfig.parse(Map.of("VERBOSITY", "0", "LOGFILE", "-", "MAX_CVT", "400",
                "URI_MAP", "iiif=>IIIF,dz=>DeepZoom,zoomify=>Zoomify", "TESSERA_WORKERS", "1", "TESSERA_QUEUE", "0"));
        Codecs codecs = DefaultCodecs.detect();
        Set<OutputFormat> available = EnumSet.noneOf(OutputFormat.class);
        for (OutputFormat f : OutputFormat.values()) if (codecs.encoder(f).isPresent()) available.add(f);
        OutputFormats formats = new OutputFormats(available);
        MemoryImages images = new MemoryImages()
                .add("a.tif", MemoryImages.pyramid(700, 500, 128, 4, Map.of("title", "fuzz")))
                .add("dir/b.tif", MemoryImages.pyramid(300, 900, 256, 3, Map.of()));
        this.router = Tessera.router(config, images, new DefaultImageService(config, codecs, new TileCache(4_000_000)),
                Map.of("iiif", new IiifHandler(formats), "deepzoom", new DeepZoomHandler(formats),
                        "zoomify", new ZoomifyHandler(formats)));
    }

    /** GET of {@code uri} ("/?FIF=..." or "/iiif/..."); asserts the answer is sound. */
    public HttpResponse get(String uri) {
        int q = uri.indexOf('?');
        HttpResponse r = router.handle(new HttpRequest("GET", uri, q < 0 ? "" : uri.substring(q + 1), "http",
                "localhost", "", Map.of(), null));
        assertNotEquals(500, r.status(), () -> uri + " -> 500 " + r.bodyText());
        r.header("Content-Length").ifPresent(len -> assertEquals(Integer.toString(r.body().length), len, uri));
        return r;
    }

    /** Fuzz bytes as a request string: ISO-8859-1 keeps every byte one char, as CGI hands them over. */
    public static String text(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }
}
