package org.tessera.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.cache.EncodedTile;
import org.tessera.cache.TileCache;
import org.tessera.cache.TileKey;
import org.tessera.codec.Codecs;
import org.tessera.config.Config;
import org.tessera.error.CorruptImageException;
import org.tessera.error.ImageException;
import org.tessera.image.PixelImage;
import org.tessera.pipeline.Dimension;
import org.tessera.pipeline.Plan;
import org.tessera.pipeline.Planner;
import org.tessera.pipeline.RegionReader;
import org.tessera.pipeline.Renderer;
import org.tessera.request.ImageRequest;
import org.tessera.image.TileAddress;
import org.tessera.source.ImageSource;
import org.tessera.format.OutputFormat;
import org.tessera.source.StoredTile;
import org.tessera.source.StoredTileSource;

/**
 * The engine behind every protocol. Whole unprocessed tiles go the tile way (encoded-tile cache,
 * stored-JPEG pass-through, else decode + encode and cache the result); everything else is
 * rendered from decoded tiles (which the cache keeps) and not cached as output, as iipsrv does.
 * Decoding and encoding run under {@link Admission} (a worker in the tile or export lane, and the
 * plan's working set reserved from the memory budget); cache hits and pass-through do not.
 */
public final class DefaultImageService implements ImageService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultImageService.class);

    private final Config config;
    private final Codecs codecs;
    private final TileCache cache;
    private final Planner planner;
    private final Renderer renderer;
    private final Admission admission;

    public DefaultImageService(Config config, Codecs codecs, TileCache cache) {
        this(config, codecs, cache, MemoryBudget.forThisJvm(config.maxImageCacheBytes()));
    }

    /** With an explicit memory budget (tests; the other constructor derives it from the heap). */
    public DefaultImageService(Config config, Codecs codecs, TileCache cache, MemoryBudget budget) {
        this.config = config;
        this.codecs = codecs;
        this.cache = cache;
        this.planner = new Planner(config);
        this.renderer = new Renderer(config, codecs, new RegionReader(cache));
        this.admission = new Admission(new WorkGate(config.workers(), config.queueLimit()), budget);
    }

    @Override
    public RenderedImage render(ImageSource source, ImageRequest request) {
        Plan plan = planner.plan(request, source.info());
        try {
            return plan.isWholeUnprocessedTile() ? tile(source, request, plan) : region(source, request, plan);
        } catch (IOException | UncheckedIOException e) {
            // not logged here: the router logs every 5xx once, with this cause
            throw new CorruptImageException("unable to read image", e);
        } catch (RuntimeException e) {
            throw asImageFailure(e);
        }
    }

    /**
     * A failure the engine already described passes as it is; anything else (a decoder tripping
     * over corrupt data, or our own bug) fails this one request, never the daemon.
     */
    private static ImageException asImageFailure(RuntimeException e) {
        if (e instanceof ImageException known) return known;
        // not logged here: the router logs every 5xx once, with this cause
        return new CorruptImageException("unable to render image", e);
    }

    private RenderedImage tile(ImageSource source, ImageRequest request, Plan plan) throws IOException {
        TileAddress t = plan.tile().orElseThrow();
        TileKey key = TileKey.encoded(request.identifier(), plan.page(), t.level(), t.col(), t.row(), plan.format(),
                plan.encode().quality(), source.info().lastModified().toEpochMilli());
        Optional<EncodedTile> hit = cache.encoded(key);
        if (hit.isPresent()) return rendered(hit.get(), plan);

        if (plan.isStoredTileUnchanged() && config.codecPassthrough()) {
            Optional<byte[]> stored = storedTile(source, plan, t);
            if (stored.isPresent()) {
                Dimension d = plan.outputSize();
                EncodedTile tile = new EncodedTile(stored.get(), d.width(), d.height(), true);
                cache.putEncoded(key, tile);
                return rendered(tile, plan);
            }
        }
        EncodedTile tile = admission.run(plan, source.info().channels(), () -> {
            PixelImage pixels = renderer.pixels(source, request.identifier(), plan, false);
            return new EncodedTile(renderer.encode(pixels, plan.encode()), pixels.width(), pixels.height(), false);
        });
        cache.putEncoded(key, tile);
        return rendered(tile, plan);
    }

    /**
     * The stored bitstream of a whole unprocessed tile in the requested format: as stored, or for a
     * JPEG edge tile stored with padding, trimmed losslessly (no decode, no re-encode) when the
     * codecs can. The tile is read once.
     */
    private Optional<byte[]> storedTile(ImageSource source, Plan plan, TileAddress t) throws IOException {
        if (!(source instanceof StoredTileSource tiles)) return Optional.empty();
        Optional<StoredTile> stored = tiles.storedTile(plan.page(), t.level(), t.col(), t.row());
        if (stored.isEmpty() || stored.get().format() != plan.format()) return Optional.empty();
        StoredTile s = stored.get();
        if (!s.needsCrop()) return Optional.of(s.data());
        Dimension d = plan.outputSize();
        if (s.format() != OutputFormat.JPEG || d.width() != s.validWidth() || d.height() != s.validHeight()) {
            return Optional.empty();
        }
        return codecs.losslessCrop(s.data(), d.width(), d.height());
    }

    private RenderedImage region(ImageSource source, ImageRequest request, Plan plan) throws IOException {
        return admission.run(plan, source.info().channels(), () -> {
            PixelImage pixels = renderer.pixels(source, request.identifier(), plan, true);
            byte[] data = renderer.encode(pixels, plan.encode());
            return new RenderedImage(data, plan.format(), pixels.width(), pixels.height(), false);
        });
    }

    private static RenderedImage rendered(EncodedTile tile, Plan plan) {
        return new RenderedImage(tile.data(), plan.format(), tile.width(), tile.height(), tile.passThrough());
    }

    @Override
    public void clearCaches() {
        LOG.info("clearing tile cache: {}", cache.stats());
        cache.clear();
    }

    /** Cache counters, for the periodic log line and tests. */
    public TileCache cache() { return cache; }

    /** Workers and memory budget, for the periodic log line and tests. */
    public Admission admission() { return admission; }
}
