package org.tessera.server;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.tessera.cache.DecodedTileCache;
import org.tessera.cache.ResultCaches;
import org.tessera.codec.Codecs;
import org.tessera.codec.DefaultCodecs;
import org.tessera.codec.TiffCompression;
import org.tessera.config.Config;
import org.tessera.config.UriMap;
import org.tessera.metrics.Metrics;
import org.tessera.http.RequestHandler;
import org.tessera.protocol.deepzoom.DeepZoomHandler;
import org.tessera.protocol.iiif.IiifHandler;
import org.tessera.protocol.zoomify.ZoomifyHandler;
import org.tessera.request.OutputFormat;
import org.tessera.service.DefaultImageService;
import org.tessera.source.FileImageRepository;
import org.tessera.source.ImageRepository;

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
        this.images = new FileImageRepository(config, codecs.jpegDecoder());
        this.renderer = new DefaultImageService(config, codecs, ResultCaches.create(config,
                DefaultImageService.encodedShare(config.maxImageCacheBytes())),
                new DecodedTileCache(config.maxImageCacheBytes() - DefaultImageService.encodedShare(config.maxImageCacheBytes())));
        Set<OutputFormat> formats = availableFormats(codecs);
        this.router = new Router(config, images, renderer, Map.of(
                "iiif", new IiifHandler(formats),
                "deepzoom", new DeepZoomHandler(formats),
                "zoomify", new ZoomifyHandler(formats)));
        this.metrics = new Metrics(renderer::cacheStats, renderer::renderStats);
        this.handler = new MonitoredHandler(router, metrics, MonitoredHandler.mappedPages(config.uriMaps()));
    }

    /** With the native codecs this machine has (libjpeg-turbo, libwebp), JDK fallbacks otherwise. */
    public static Tessera create(Config config) {
        return new Tessera(config, DefaultCodecs.detect(TiffCompression.fromIipsrv(config.tiffCompression())));
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

    /** SIGHUP: empty the tile cache and the image metadata cache. */
    public void clearCaches() {
        renderer.clearCaches();
        images.clear();
    }

    static Set<OutputFormat> availableFormats(Codecs codecs) {
        Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        for (OutputFormat f : OutputFormat.values()) {
            if (codecs.encoder(f).isPresent()) formats.add(f);
        }
        return formats;
    }
}
