package org.tessera.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.buffer.BufferArena;
import org.tessera.buffer.BufferPool;
import org.tessera.cache.DecodedTileCache;
import org.tessera.cache.EncodedResult;
import org.tessera.cache.RamResultCache;
import org.tessera.cache.ResultCache;
import org.tessera.cache.ResultKey;
import org.tessera.cache.TierStats;
import org.tessera.codec.Codecs;
import org.tessera.codec.MetadataEmbedding;
import org.tessera.image.ColourSpace;
import org.tessera.pipeline.Operation;
import org.tessera.pipeline.process.Watermark;
import org.tessera.request.Processing;
import org.tessera.config.Config;
import org.tessera.error.CorruptImageException;
import org.tessera.error.ImageException;
import org.tessera.error.OverloadedException;
import org.tessera.image.PixelImage;
import org.tessera.pipeline.DecodeScale;
import org.tessera.pipeline.Dimension;
import org.tessera.pipeline.Plan;
import org.tessera.pipeline.Planner;
import org.tessera.pipeline.ReadStrategy;
import org.tessera.pipeline.RegionReader;
import org.tessera.pipeline.Renderer;
import org.tessera.pipeline.WorkingSet;
import org.tessera.request.ImageRequest;
import org.tessera.image.TileAddress;
import org.tessera.source.ImageSource;
import org.tessera.format.OutputFormat;
import org.tessera.source.StoredTile;
import org.tessera.source.StoredTileSource;

/**
 * The engine behind every protocol. Every answer is first looked up in the result cache (the
 * in-RAM tier, then a shared tier when configured), keyed by the planned work and the file's
 * modification time. On a miss, whole unprocessed tiles pass the stored tile through when they can,
 * else are decoded and encoded; everything else is rendered from decoded tiles, which a separate,
 * small area keeps so region exports never push encoded tiles out. The result is then offered to
 * the cache, whose tiers decide what they keep. Decoding and encoding run under {@link Admission}
 * (a worker in the tile or export lane, and the plan's working set reserved from the memory
 * budget); cache hits and pass-through do not.
 */
public final class DefaultImageService implements ImageService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultImageService.class);

    private final Config config;
    private final Codecs codecs;
    private final ResultCache results;
    private final DecodedTileCache decoded;
    private final Planner planner;
    private final RegionReader reader;
    private final Renderer renderer;
    private final Admission admission;
    private final Watermark watermark;
    /**
     * Arrays that passed-through tiles no cache keeps are read into and sent from, then reused:
     * with the cache off, a tile's bytes would otherwise be the only allocation of its request
     * worth counting (nine tenths of it). Up to 1 MB tiles; 8 MB held at most.
     */
    static final int LARGEST_LENT_ARRAY = 1 << 20;
    static final long LENT_ARRAYS_HELD = 8L << 20;
    private final BufferPool lentArrays;
    private final LongAdder cachedCount = new LongAdder();
    private final LongAdder passThroughCount = new LongAdder();
    private final LongAdder encodedCount = new LongAdder();
    private final LongAdder renderedCount = new LongAdder();
    private final LongAdder rejectedCount = new LongAdder();

    public DefaultImageService(Config config, Codecs codecs, ResultCache results, DecodedTileCache decoded) {
        this(config, codecs, results, decoded,
                MemoryBudget.forThisJvm(config.maxImageCacheBytes(), new CacheLender(results, decoded)));
    }

    /** With an explicit memory budget (tests; the other constructor derives it from the heap). */
    public DefaultImageService(Config config, Codecs codecs, ResultCache results, DecodedTileCache decoded,
                               MemoryBudget budget) {
        this(config, codecs, results, decoded, budget, Watermark.load(config));
    }

    /** With an explicit watermark (tests seed its random source); null for none. */
    public DefaultImageService(Config config, Codecs codecs, ResultCache results, DecodedTileCache decoded,
                               MemoryBudget budget, Watermark watermark) {
        this.watermark = watermark;
        this.config = config;
        this.codecs = codecs;
        this.results = results;
        this.decoded = decoded;
        this.planner = new Planner(config);
        this.reader = new RegionReader(decoded, Runtime.getRuntime().availableProcessors());
        this.renderer = new Renderer(config, codecs, reader);
        this.admission = new Admission(new WorkGate(config.workers(), config.queueLimit()), budget);
        this.lentArrays = new BufferPool(LARGEST_LENT_ARRAY, LENT_ARRAYS_HELD);
    }

    /**
     * In-RAM caches only, splitting {@code cacheBytes} (MAX_IMAGE_CACHE_SIZE) as {@link #ramTiers}
     * does.
     */
    public static DefaultImageService inRam(Config config, Codecs codecs, long cacheBytes) {
        return new DefaultImageService(config, codecs, new RamResultCache(encodedShare(cacheBytes)),
                new DecodedTileCache(cacheBytes - encodedShare(cacheBytes), cacheBytes));
    }

    /** {@link #inRam(Config, Codecs, long)} with an explicit watermark, for tests (null for none). */
    public static DefaultImageService inRam(Config config, Codecs codecs, long cacheBytes, Watermark watermark) {
        RamResultCache results = new RamResultCache(encodedShare(cacheBytes));
        DecodedTileCache decoded = new DecodedTileCache(cacheBytes - encodedShare(cacheBytes), cacheBytes);
        return new DefaultImageService(config, codecs, results, decoded,
                MemoryBudget.forThisJvm(config.maxImageCacheBytes(), new CacheLender(results, decoded)), watermark);
    }

    /** {@link #inRam(Config, Codecs, long)} with an explicit memory budget, for tests. */
    public static DefaultImageService inRam(Config config, Codecs codecs, long cacheBytes, MemoryBudget budget) {
        return new DefaultImageService(config, codecs, new RamResultCache(encodedShare(cacheBytes)),
                new DecodedTileCache(cacheBytes - encodedShare(cacheBytes), cacheBytes), budget);
    }

    /**
     * MAX_IMAGE_CACHE_SIZE is one memory budget, as in iipsrv: three quarters hold encoded tiles,
     * one quarter decoded tiles for region rendering.
     */
    public static long encodedShare(long cacheBytes) { return Math.max(0, cacheBytes) / 4 * 3; }

    @Override
    public RenderedImage render(ImageSource source, ImageRequest request) {
        Plan plan = planner.plan(request, source.info());
        // a watermark is random per response: no stored, cached or passed-through tile may skip it
        if (watermark != null) return rendered(render(source, request, plan), plan);
        ResultKey key = ResultKeys.of(request.identifier(), source.info().lastModified().toEpochMilli(), plan);
        Optional<EncodedResult> hit = results.get(key);
        if (hit.isPresent()) {
            cachedCount.increment();
            return rendered(hit.get(), plan);
        }
        Optional<RenderedImage> stored = passThrough(source, plan, key);
        if (stored.isPresent()) return stored.get();
        return kept(key, render(source, request, plan), plan);
    }

    /** Offers {@code result} to the cache and answers it. */
    private RenderedImage kept(ResultKey key, EncodedResult result, Plan plan) {
        results.put(key, result);
        // the decoded tiles may use what the encoded results leave of the cache
        decoded.othersHold(results.heapBytes());
        return rendered(result, plan);
    }

    private EncodedResult render(ImageSource source, ImageRequest request, Plan plan) {
        try {
            return plan.isWholeUnprocessedTile() && watermark == null ? tile(source, request, plan)
                    : region(source, request, plan);
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
    private ImageException asImageFailure(RuntimeException e) {
        if (e instanceof OverloadedException) rejectedCount.increment();
        if (e instanceof ImageException known) return known;
        // not logged here: the router logs every 5xx once, with this cause
        return new CorruptImageException("unable to render image", e);
    }

    private EncodedResult tile(ImageSource source, ImageRequest request, Plan plan) throws IOException {
        byte[] icc = iccToEmbed(source, plan);
        EncodedResult tile = admission.run(WorkingSet.of(plan, source.info().channels(), renderer.strategy(source, plan)), () -> {
            PixelImage pixels = renderer.pixels(source, request.identifier(), plan, false);
            byte[] data = MetadataEmbedding.embed(plan.format(), renderer.encode(pixels, plan.encode()), icc,
                    pixels.width(), pixels.height());
            return new EncodedResult(data, pixels.width(), pixels.height(), false);
        });
        encodedCount.increment();
        return tile;
    }
    /**
     * A whole unprocessed tile answered with the bitstream the file stores (pass-through), when
     * the source has it in the requested format. What no cache keeps and needs no ICC profile is
     * read into an array lent by the pool and sent from it; the array goes back once the
     * response is written. Anything else is read into an array of its own, which the cache may
     * keep. Empty when the tile must be decoded and encoded.
     */
    private Optional<RenderedImage> passThrough(ImageSource source, Plan plan, ResultKey key) {
        if (!plan.isStoredTileUnchanged() || !config.codecPassthrough() || !(source instanceof StoredTileSource tiles)) {
            return Optional.empty();
        }
        byte[] icc = iccToEmbed(source, plan);
        // an arena never closed (a failed read) only misses the reuse of its arrays
        BufferArena arena = icc.length == 0 && !results.keeps(key) ? lentArrays.arena() : null;
        Optional<StoredTile> stored;
        try {
            stored = sendable(tiles, plan, arena == null ? byte[]::new : arena);
        } catch (IOException | UncheckedIOException e) {
            // not logged here: the router logs every 5xx once, with this cause
            throw new CorruptImageException("unable to read image", e);
        } catch (RuntimeException e) {
            throw asImageFailure(e);
        }
        if (stored.isEmpty()) {
            if (arena != null) arena.close();
            return Optional.empty();
        }
        passThroughCount.increment();
        StoredTile s = stored.get();
        Dimension d = plan.outputSize();
        if (arena != null) return Optional.of(new RenderedImage(s.bytes(), s.length(), plan.format(), d.width(), d.height(), true, arena));
        byte[] data = MetadataEmbedding.embed(plan.format(), s.data(), icc, d.width(), d.height());
        return Optional.of(kept(key, new EncodedResult(data, d.width(), d.height(), true), plan));
    }

    /**
     * The stored tile in the requested format, read once into an array from {@code arrays}: as
     * stored, or for a JPEG edge tile stored with padding, trimmed losslessly (no decode, no
     * re-encode) into an array of its own when the codecs can.
     */
    private Optional<StoredTile> sendable(StoredTileSource tiles, Plan plan, IntFunction<byte[]> arrays) throws IOException {
        TileAddress t = plan.tile().orElseThrow();
        Optional<StoredTile> stored = tiles.storedTile(plan.page(), t.level(), t.col(), t.row(), arrays);
        if (stored.isEmpty() || stored.get().format() != plan.format()) return Optional.empty();
        StoredTile s = stored.get();
        if (!s.needsCrop()) return stored;
        Dimension d = plan.outputSize();
        if (s.format() != OutputFormat.JPEG || d.width() != s.validWidth() || d.height() != s.validHeight()) {
            return Optional.empty();
        }
        return codecs.losslessCrop(s.data(), d.width(), d.height())
                .map(b -> new StoredTile(s.format(), b, d.width(), d.height(), d.width(), d.height()));
    }

    private EncodedResult region(ImageSource source, ImageRequest request, Plan plan) throws IOException {
        ReadStrategy read = renderer.strategy(source, plan);
        boolean keepDecoded = decoded.admits(tilesCovered(plan), tileBytes(plan, read.scale(), source.info().channels()));
        EncodedResult result = admission.run(WorkingSet.of(plan, source.info().channels(), read), () -> {
            PixelImage pixels = renderer.pixels(source, request.identifier(), plan, keepDecoded);
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
            return new EncodedResult(data, pixels.width(), pixels.height(), false);
        });
        renderedCount.increment();
        return result;
    }

    private static long tilesCovered(Plan plan) {
        int tw = plan.level().tileWidth(), th = plan.level().tileHeight();
        long cols = (plan.region().right() - 1) / tw - plan.region().x() / tw + 1;
        long rows = (plan.region().bottom() - 1) / th - plan.region().y() / th + 1;
        return cols * rows;
    }

    /** A decoded tile's bytes at the read's scale: reduced tiles take a fraction of a full one's room. */
    private static long tileBytes(Plan plan, DecodeScale scale, int channels) {
        return (long) scale.tileWidth(plan.level()) * scale.tileHeight(plan.level()) * Math.max(1, channels);
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

    private static RenderedImage rendered(EncodedResult result, Plan plan) {
        return new RenderedImage(result.data(), plan.format(), result.width(), result.height(), result.passThrough());
    }

    @Override
    public void clearCaches() {
        LOG.info("clearing in-RAM caches: {} {}", results.stats(), decoded.stats());
        results.clear();
        decoded.clear();
    }

    /** Counters of every result-cache tier, then the decoded-tile area. */
    public List<TierStats> cacheStats() {
        List<TierStats> all = new ArrayList<>(results.stats());
        all.add(decoded.stats());
        return all;
    }

    public RenderStats renderStats() {
        WorkGate gate = admission.gate();
        return new RenderStats(cachedCount.sum(), passThroughCount.sum(), encodedCount.sum(), renderedCount.sum(),
                rejectedCount.sum(), gate.waiting(WorkGate.Lane.TILE) + gate.waiting(WorkGate.Lane.EXPORT));
    }

    /** Workers and memory budget, for the periodic log line and tests. */
    public Admission admission() { return admission; }

    /** Releases the shared tier's connections and the reader's decoding threads. */
    public void close() {
        results.close();
        reader.close();
    }
}
