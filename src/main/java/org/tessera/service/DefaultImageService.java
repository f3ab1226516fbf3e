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
import org.tessera.error.OverloadedException;
import org.tessera.http.HttpError;
import org.tessera.image.PixelImage;
import org.tessera.pipeline.Dimension;
import org.tessera.pipeline.Plan;
import org.tessera.pipeline.Planner;
import org.tessera.pipeline.RegionReader;
import org.tessera.pipeline.Renderer;
import org.tessera.request.ImageRequest;
import org.tessera.request.TileAddress;
import org.tessera.source.ImageSource;
import org.tessera.source.StoredJpeg;

/**
 * The engine behind every protocol. Whole unprocessed tiles go the tile way (encoded-tile cache,
 * stored-JPEG pass-through, else decode + encode and cache the result); everything else is
 * rendered from decoded tiles (which the cache keeps) and not cached as output, as iipsrv does.
 * Decoding and encoding run inside a {@link WorkGate}; cache hits and pass-through do not.
 */
public final class DefaultImageService implements ImageService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultImageService.class);

    private final Config config;
    private final Codecs codecs;
    private final TileCache cache;
    private final Planner planner;
    private final Renderer renderer;
    private final WorkGate gate;
    private final MemoryGate memory;

    public DefaultImageService(Config config, Codecs codecs, TileCache cache) {
        this.config = config;
        this.codecs = codecs;
        this.cache = cache;
        this.planner = new Planner(config);
        this.renderer = new Renderer(config, codecs, new RegionReader(cache));
        this.gate = new WorkGate(config.workers(), config.queueLimit());
        this.memory = MemoryGate.forHeap(Runtime.getRuntime().maxMemory(), cache.maxBytes(), cache::limitTo);
        LOG.info("Render memory: {} MiB for images being rendered at once, {} MiB of it borrowed from the tile cache"
                + " when needed (heap {} MiB, tile cache {} MiB)", memory.totalMib(), memory.totalMib() - memory.roomMib(),
                Runtime.getRuntime().maxMemory() >> 20, cache.maxBytes() >> 20);
    }

    @Override
    public RenderedImage render(ImageSource source, ImageRequest request) {
        Plan plan = planner.plan(request, source.info());
        try {
            return plan.isWholeUnprocessedTile() ? tile(source, request, plan) : region(source, request, plan);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("unable to read image {} page {} level {} region {}: {}", request.identifier(), plan.page(),
                    plan.levelIndex(), plan.region(), e.getMessage());
            throw new HttpError(500, "unable to read image");
        } catch (HttpError | OverloadedException e) {
            throw e;
        } catch (RuntimeException e) {
            // a decoder tripping over corrupt data, or our own bug: one request fails, never the daemon
            LOG.error("failed to render {} page {} level {} region {}", request.identifier(), plan.page(),
                    plan.levelIndex(), plan.region(), e);
            throw new HttpError(500, "unable to render image");
        }
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
        EncodedTile tile = gate.run(() -> {
            PixelImage pixels = renderer.pixels(source, request.identifier(), plan, false);
            return new EncodedTile(renderer.encode(pixels, plan.encode()), pixels.width(), pixels.height(), false);
        });
        cache.putEncoded(key, tile);
        return rendered(tile, plan);
    }

    /**
     * The stored bitstream of a whole unprocessed tile: as stored, or for an edge tile stored with
     * padding, trimmed losslessly (no decode, no re-encode) when the codecs can. The tile is read
     * once; sources that cannot describe their stored JPEG may still offer whole tiles.
     */
    private Optional<byte[]> storedTile(ImageSource source, Plan plan, TileAddress t) throws IOException {
        Optional<StoredJpeg> stored = source.storedJpeg(plan.page(), t.level(), t.col(), t.row());
        if (stored.isEmpty()) return source.storedJpegTile(plan.page(), t.level(), t.col(), t.row());
        StoredJpeg s = stored.get();
        if (!s.needsCrop()) return Optional.of(s.jpeg());
        Dimension d = plan.outputSize();
        if (d.width() != s.validWidth() || d.height() != s.validHeight()) return Optional.empty();
        return codecs.losslessCrop(s.jpeg(), d.width(), d.height());
    }

    private RenderedImage region(ImageSource source, ImageRequest request, Plan plan) throws IOException {
        return gate.run(() -> memory.run(renderer.estimateBytes(source, plan), () -> {
            PixelImage pixels = renderer.pixels(source, request.identifier(), plan, true);
            byte[] data = renderer.encode(pixels, plan.encode());
            return new RenderedImage(data, plan.format(), pixels.width(), pixels.height(), false);
        }));
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
}
