package org.tessera.server;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.cache.DecodedTileCache;
import org.tessera.cache.ResultCaches;
import org.tessera.cache.TierStats;
import org.tessera.codec.Codecs;
import org.tessera.codec.DefaultCodecs;
import org.tessera.config.TiffCompression;
import org.tessera.config.Config;
import org.tessera.config.ConfigException;
import org.tessera.http.ForwardedHeaders;
import org.tessera.config.UriMap;
import org.tessera.metrics.Metrics;
import org.tessera.http.RequestHandler;
import org.tessera.protocol.Engine;
import org.tessera.protocol.ProtocolHandler;
import org.tessera.protocol.ProtocolRegistry;
import org.tessera.protocol.Responses;
import org.tessera.protocol.deepzoom.DeepZoomHandler;
import org.tessera.protocol.iiif.IiifHandler;
import org.tessera.protocol.iip.IipProtocol;
import org.tessera.protocol.zoomify.ZoomifyHandler;
import org.tessera.format.OutputFormat;
import org.tessera.format.OutputFormats;
import org.tessera.service.DefaultImageService;
import org.tessera.service.ImageService;
import org.tessera.source.FileImageRepository;
import org.tessera.source.ImageFormat;
import org.tessera.source.RecognisedOnlyFormat;
import org.tessera.source.tiff.TiffFormat;
import org.tessera.source.ImageRepository;
import org.tessera.source.jp2.Jp2Format;
import org.tessera.source.jpeg.JpegFormat;

/**
 * The composition root: builds codecs, image repository, tile cache, renderer and protocols
 * from one configuration and exposes the single request handler every transport feeds.
 */
public final class Tessera {
    private final Config config;
    private final Codecs codecs;
    private final ImageRepository images;
    private final DefaultImageService renderer;
    private final Router router;
    private final Metrics metrics;
    private final MonitoredHandler handler;

    public Tessera(Config config, Codecs codecs) {
        this.config = config;
        this.codecs = codecs;
        this.images = new FileImageRepository(config, inputFormats(config, codecs));
        long cacheBytes = config.maxImageCacheBytes();
        this.renderer = new DefaultImageService(config, codecs,
                ResultCaches.create(config, DefaultImageService.encodedShare(cacheBytes)),
                new DecodedTileCache(cacheBytes - DefaultImageService.encodedShare(cacheBytes), cacheBytes));
        OutputFormats formats = availableFormats(codecs);
        this.router = router(config, images, renderer, Map.of(
                "iiif", new IiifHandler(formats),
                "deepzoom", new DeepZoomHandler(formats),
                "zoomify", new ZoomifyHandler(formats)));
        this.metrics = new Metrics(renderer::cacheStats, renderer::renderStats);
        // the metrics see every request; forwarding headers reach the router only when trusted
        this.handler = new MonitoredHandler(router, ForwardedHeaders.honouredOnlyIf(config.trustForwarded(), router),
                metrics, MonitoredHandler.mappedPages(config.uriMaps()));
    }

    /** The request path: the router, IIP's command runner and the path-style protocols it delegates to. */
    public static Router router(Config config, ImageRepository images, ImageService renderer,
                                Map<String, ProtocolHandler> protocols) {
        Responses responses = new Responses(config);
        Engine engine = new Engine(config, images, renderer, responses);
        return new Router(config, responses, new IipProtocol(engine, new ProtocolRegistry(protocols)));
    }

    /**
     * With the native codecs this machine has (libjpeg-turbo, libwebp, libavif), JDK fallbacks otherwise.
     *
     * @throws ConfigException when TIFF_COMPRESSION names a compression this machine cannot produce
     */
    public static Tessera create(Config config) {
        DefaultCodecs codecs;
        try {
            codecs = DefaultCodecs.detect(TiffCompression.fromIipsrv(config.tiffCompression()), config.avifCodec());
        } catch (IllegalStateException e) {
            throw new ConfigException("TIFF_COMPRESSION", String.valueOf(config.tiffCompression()), e.getMessage());
        }
        return new Tessera(config, codecs);
    }

    public Config config() { return config; }

    public RequestHandler handler() { return handler; }

    public Metrics metrics() { return metrics; }

    /**
     * For the development listener: {@code /metrics} and {@code /status} answer the monitoring
     * pages, everything else goes to {@code next}.
     */
    public RequestHandler withMonitoringPages(RequestHandler next) {
        return request -> switch (request.path()) {
            case "/metrics" -> handler.page(UriMap.Protocol.METRICS);
            case "/status" -> handler.page(UriMap.Protocol.STATUS);
            default -> next.handle(request);
        };
    }

    /** Releases the shared cache's connections (at shutdown). */
    public void close() {
        renderer.close();
    }

    public Codecs codecs() { return codecs; }

    /** The counters of every cache tier (result tiers, then decoded tiles). */
    public List<TierStats> cacheStats() { return renderer.cacheStats(); }

    /** SIGHUP: empty the tile cache and the image metadata cache. */
    public void clearCaches() {
        renderer.clearCaches();
        images.clear();
    }

    /**
     * The input formats, in the order a file's first bytes are tried against them: TIFF, JPEG 2000
     * (recognised but refused as unsupported when OpenJPEG is missing), plain JPEG.
     */
    static List<ImageFormat<?>> inputFormats(Config config, Codecs codecs) {
        List<ImageFormat<?>> formats = new ArrayList<>();
        formats.add(new TiffFormat(codecs.jpegDecoder(), codecs.webpDecoder(), config.copyright()));
        // OpenJPEG's own threads for large regions: no more than the processing parallelism
        int threads = Math.max(1, Math.min(4, config.workers()));
        codecs.openJpeg().ifPresentOrElse(
                openJpeg -> formats.add(new Jp2Format(openJpeg, config.maxLayers(), threads, config.copyright())),
                () -> formats.add(RecognisedOnlyFormat.jpeg2000()));
        formats.add(new JpegFormat(codecs.jpegDecoder(), JpegFormat.DEFAULT_CACHE_BYTES, config.copyright()));
        return formats;
    }

    static OutputFormats availableFormats(Codecs codecs) {
        Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        for (OutputFormat f : OutputFormat.values()) {
            if (codecs.encoder(f).isPresent()) formats.add(f);
        }
        return new OutputFormats(formats);
    }
}
