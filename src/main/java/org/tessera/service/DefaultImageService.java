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
import org.tessera.codec.MetadataEmbedding;
import org.tessera.image.ColourSpace;
import org.tessera.pipeline.Operation;
import org.tessera.pipeline.process.Watermark;
import org.tessera.request.Processing;
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
    private final Watermark watermark;

    public DefaultImageService(Config config, Codecs codecs, TileCache cache) {
        this(config, codecs, cache, MemoryBudget.forThisJvm(config.maxImageCacheBytes()));
    }

    /** With an explicit memory budget (tests; the other constructor derives it from the heap). */
    public DefaultImageService(Config config, Codecs codecs, TileCache cache, MemoryBudget budget) {
        this(config, codecs, cache, budget, Watermark.load(config));
    }

    /** With an explicit watermark (tests seed its random source); null for none. */
    public DefaultImageService(Config config, Codecs codecs, TileCache cache, Watermark watermark) {
        this(config, codecs, cache, MemoryBudget.forThisJvm(config.maxImageCacheBytes()), watermark);
    }

    public DefaultImageService(Config config, Codecs codecs, TileCache cache, MemoryBudget budget, Watermark watermark) {
        this.watermark = watermark;
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
            // a watermark is random per response: no stored, cached or passed-through tile may skip it
            return plan.isWholeUnprocessedTile() && watermark == null ? tile(source, request, plan) : region(source, request, plan);
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

        byte[] icc = iccToEmbed(source, plan);
        if (plan.isStoredTileUnchanged() && config.codecPassthrough()) {
            Optional<byte[]> stored = storedTile(source, plan, t);
            if (stored.isPresent()) {
                Dimension d = plan.outputSize();
                EncodedTile tile = new EncodedTile(MetadataEmbedding.embed(plan.format(), stored.get(), icc, d.width(), d.height()),
                        d.width(), d.height(), true);
                cache.putEncoded(key, tile);
                return rendered(tile, plan);
            }
        }
        EncodedTile tile = admission.run(plan, source.info().channels(), () -> {
            PixelImage pixels = renderer.pixels(source, request.identifier(), plan, false);
            byte[] data = MetadataEmbedding.embed(plan.format(), renderer.encode(pixels, plan.encode()), icc, pixels.width(), pixels.height());
            return new EncodedTile(data, pixels.width(), pixels.height(), false);
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
            if (watermark != null) {
                int side = 2 * Math.max(plan.level().tileWidth(), plan.level().tileHeight());
                pixels = plan.tile().isPresent() ? watermark.apply(pixels, pixels.width(), pixels.height())
                        : watermark.apply(pixels, side, side);
            }
            byte[] data = MetadataEmbedding.embed(plan.format(), renderer.encode(pixels, plan.encode()), iccToEmbed(source, plan),
                    pixels.width(), pixels.height());
            // iipsrv puts the file's XMP into region exports, not into tiles
            if (request.tile().isEmpty()) {
                data = MetadataEmbedding.embedXmp(plan.format(), data, source.info().metadata().getOrDefault("xmp", ""),
                        pixels.width(), pixels.height());
            }
            return new RenderedImage(data, plan.format(), pixels.width(), pixels.height(), false);
        });
    }

    /**
     * The source's ICC profile when it still describes the output (iipsrv 13.9): smaller than
     * MAX_ICC (-1 unlimited, 0 never), and no colour map, hill shading, colour twist or colour
     * reduction changed the colours. A CIELAB image's profile describes Lab, not the sRGB sent.
     */
    private byte[] iccToEmbed(ImageSource source, Plan plan) {
        int max = config.maxIcc();
        if (max == 0 || source.info().colourSpace() == ColourSpace.CIELAB) return new byte[0];
        if (plan.processing().map(Processing::replacesColours).orElse(false)) return new byte[0];
        if (plan.operations().stream().anyMatch(op -> op instanceof Operation.ColourConvert)) return new byte[0];
        byte[] icc = source.iccProfile();
        return max > 0 && icc.length >= max ? new byte[0] : icc;
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
