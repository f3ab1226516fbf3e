package org.tessera.source.jp2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tessera.codec.OpenJpeg;
import org.tessera.error.InvalidRequestException;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.image.SampleFormat;
import org.tessera.source.ImageSource;

/**
 * A JPEG 2000 image (JP2/JPX file or raw codestream, HTJ2K included) decoded with OpenJPEG. Its
 * resolution levels are the pyramid levels, each cut into {@value #TILE}-pixel tiles whatever the
 * codestream's own tiling: a tile is decoded alone, at its own resolution reduction, with the
 * decode area set to that tile, so OpenJPEG touches only the code-blocks (and, in a tiled
 * codestream, only the codestream tiles) that cover it.
 *
 * <p>Levels below the first one that fits in a single tile are not served (iipsrv does the same),
 * so IIP resolution numbers agree with iipsrv's for the same file.
 *
 * <p>Quality layers: {@link #readTile(int, int, int, int)} decodes the MAX_LAYERS default;
 * {@link #readTile(int, int, int, int, int)} takes a per-request count (IIP's LYR), capped by
 * MAX_LAYERS when that is positive. Thread-safe: every decode has its own OpenJPEG decoder and
 * reads the shared channel with positional reads only.
 */
public final class Jp2ImageSource implements ImageSource {
    /** Side of the tiles the levels are served in, iipsrv's default for JPEG 2000. */
    public static final int TILE = 256;
    /** Regions larger than this many pixels are decoded with OpenJPEG's worker threads. */
    static final long THREADED_AREA = 1024L * 1024;

    private final FileChannel channel;
    private final OpenJpeg openJpeg;
    private final OpenJpeg.Container container;
    private final OpenJpeg.Header header;
    private final ImageInfo info;
    private final int maxLayers;
    private final int threads;
    private final Optional<CodestreamIndex> index;
    /** Kept-open decoders for a single-tile codestream, and this file's key among them. */
    private final Optional<Pooled> pooled;

    record Pooled(ReaderPool pool, ReaderPool.Key key) {
    }

    /**
     * Reads the header and the metadata boxes of an opened file.
     *
     * @param maxLayers MAX_LAYERS: -1 all layers, 0 half of them (rounded up, as iipsrv), n at most n
     * @param threads   OpenJPEG worker threads for large regions (1 = none)
     */
    public static Jp2ImageSource open(FileChannel channel, OpenJpeg openJpeg, Instant lastModified, int maxLayers,
                                      int threads) throws IOException {
        return new Jp2ImageSource(channel, openJpeg, describe(channel, openJpeg, lastModified), maxLayers, threads);
    }

    /** What a file holds, read once: the codestream header and the metadata boxes. */
    public record Description(OpenJpeg.Container container, OpenJpeg.Header header, ImageInfo info,
                              Optional<CodestreamIndex> index) {
        public Description withInfo(ImageInfo other) { return new Description(container, header, other, index); }
    }

    public static Description describe(FileChannel channel, OpenJpeg openJpeg, Instant lastModified) throws IOException {
        OpenJpeg.Container container = Jp2Format.container(channel);
        OpenJpeg.Header header = openJpeg.readHeader(channel, container);
        Jp2Boxes.Metadata metadata = container == OpenJpeg.Container.JP2 ? Jp2Boxes.read(channel) : Jp2Boxes.Metadata.NONE;
        return new Description(container, header, describe(header, metadata, lastModified),
                CodestreamIndex.build(channel, container, header));
    }

    public Jp2ImageSource(FileChannel channel, OpenJpeg openJpeg, Description d, int maxLayers, int threads) {
        this(channel, openJpeg, d, maxLayers, threads, Optional.empty());
    }

    Jp2ImageSource(FileChannel channel, OpenJpeg openJpeg, Description d, int maxLayers, int threads, Optional<Pooled> pooled) {
        this(channel, openJpeg, d.container(), d.header(), d.info(), d.index(), maxLayers, threads, pooled);
    }

    private Jp2ImageSource(FileChannel channel, OpenJpeg openJpeg, OpenJpeg.Container container, OpenJpeg.Header header,
                           ImageInfo info, Optional<CodestreamIndex> index, int maxLayers, int threads,
                           Optional<Pooled> pooled) {
        this.index = index;
        this.pooled = pooled;
        this.channel = channel;
        this.openJpeg = openJpeg;
        this.container = container;
        this.header = header;
        this.info = info;
        this.maxLayers = maxLayers;
        this.threads = Math.max(1, threads);
    }

    static ImageInfo describe(OpenJpeg.Header h, Jp2Boxes.Metadata metadata, Instant lastModified) {
        if (h.width() < 1 || h.height() < 1) throw new UnsupportedImageException("empty JPEG 2000 image");
        if (h.cmyk()) throw new UnsupportedImageException("CMYK JPEG 2000 is not supported");
        if (h.subsampled()) throw new UnsupportedImageException("JPEG 2000 with subsampled components is not supported");
        if (h.precision() < 1 || h.precision() > 16) throw new UnsupportedImageException(h.precision() + "-bit JPEG 2000 is not supported");
        List<Level> levels = new ArrayList<>();
        for (int r = 0; r < h.resolutions(); r++) {
            int w = levelSide(h.x0(), h.x1(), r), ht = levelSide(h.y0(), h.y1(), r);
            if (w < 1 || ht < 1) break;
            levels.add(new Level(w, ht, TILE, TILE));
            // as iipsrv: the first level that fits in one tile is the smallest served, so IIP
            // resolution numbers match the reference server's for the same file
            if (w <= TILE && ht <= TILE) break;
        }
        int channels = switch (h.components()) {
            case 1 -> 1;
            case 2 -> metadata.alpha() ? 2 : 1;
            case 3 -> 3;
            default -> h.components() == 4 && metadata.alpha() ? 4 : 3;
        };
        ColourSpace colour = channels <= 2 ? (h.precision() == 1 ? ColourSpace.BINARY : ColourSpace.GREY) : ColourSpace.SRGB;
        double[] min = new double[channels];
        double[] max = new double[channels];
        Arrays.fill(max, (1L << h.precision()) - 1);
        Map<String, String> meta = new HashMap<>();
        // ISO-8859-1 maps every byte to one char and back: the profile survives as a String
        metadata.icc().ifPresent(icc -> meta.put("icc", new String(icc, StandardCharsets.ISO_8859_1)));
        metadata.xmp().ifPresent(xmp -> meta.put("xmp", xmp));
        return new ImageInfo(levels, 1, channels, h.precision(), h.signed() ? SampleFormat.SIGNED_INT : SampleFormat.UNSIGNED_INT,
                colour, min, max, meta, metadata.dpiX(), metadata.dpiY(), lastModified);
    }

    /** Size of a side at resolution reduction r: OpenJPEG's ceil(x1/2^r) - ceil(x0/2^r). */
    static int levelSide(int origin, int end, int reduce) {
        return ceilShift(end, reduce) - ceilShift(origin, reduce);
    }

    private static int ceilShift(int value, int shift) {
        return (int) (((long) value + (1L << shift) - 1) >> shift);
    }

    @Override
    public ImageInfo info() { return info; }

    /** Quality layers in the codestream. */
    public int qualityLayers() { return header.layers(); }

    /** Resolution levels in the codestream (reductions + 1). */
    public int resolutions() { return header.resolutions(); }

    /** True for an HTJ2K (ISO 15444-15) codestream. */
    public boolean highThroughput() { return header.highThroughput(); }

    /**
     * The quality layers a request decodes.
     *
     * @param requested the request's layer count (IIP LYR), 0 or less when it named none
     */
    public int layersFor(int requested) {
        int all = Math.max(1, header.layers());
        if (requested > 0) return Math.min(requested, maxLayers > 0 ? Math.min(maxLayers, all) : all);
        if (maxLayers < 0) return all;
        if (maxLayers == 0) return (all + 1) / 2;
        return Math.min(maxLayers, all);
    }

    @Override
    public boolean hasQualityLayers() { return true; }

    @Override
    public PixelImage readTile(int page, int level, int col, int row) throws IOException {
        return readTile(page, level, col, row, 0);
    }

    /** A tile decoded with {@code layers} quality layers (see {@link #layersFor}). */
    @Override
    public PixelImage readTile(int page, int level, int col, int row, int layers) throws IOException {
        Level l = level(page, level);
        if (col < 0 || row < 0 || col >= l.tilesAcross() || row >= l.tilesDown()) {
            throw new InvalidRequestException("tile " + col + "," + row + " does not exist at this resolution");
        }
        return decode(level, l.tileRect(col, row), layers, 1);
    }

    /**
     * Any rectangle of a level in one decode; large ones use OpenJPEG's worker threads.
     *
     * @param layers the request's layer count, 0 for the MAX_LAYERS default
     */
    public PixelImage decodeRegion(int page, int level, Rect region, int layers) throws IOException {
        Level l = level(page, level);
        if (region.isEmpty() || region.x() < 0 || region.y() < 0 || region.right() > l.width() || region.bottom() > l.height()) {
            throw new InvalidRequestException("region " + region + " outside the level");
        }
        int workers = (long) region.width() * region.height() >= THREADED_AREA ? threads : 1;
        return decode(level, region, layers, workers);
    }

    @Override
    public boolean readsRegions() {
        return true;
    }

    @Override
    public Optional<PixelImage> readRegion(int page, int level, Rect region) throws IOException {
        return Optional.of(decodeRegion(page, level, region, 0));
    }

    @Override
    public Optional<PixelImage> readRegion(int page, int level, Rect region, int layers) throws IOException {
        return Optional.of(decodeRegion(page, level, region, layers));
    }

    private PixelImage decode(int level, Rect r, int layers, int workers) throws IOException {
        // level pixel (x,y) at reduction `level` is reference-grid point ((ceil(x0/2^level) + x) << level)
        int ox = ceilShift(header.x0(), level), oy = ceilShift(header.y0(), level);
        int x0 = Math.max(header.x0(), (ox + r.x()) << level), y0 = Math.max(header.y0(), (oy + r.y()) << level);
        int x1 = (int) Math.min(header.x1(), (long) (ox + r.right()) << level);
        int y1 = (int) Math.min(header.y1(), (long) (oy + r.bottom()) << level);
        if (header.highThroughput()) {
            // OpenJPEG 2.5.0 leaves HT code-blocks undecoded (flat grey) when the window covers
            // only part of a codestream tile: decode the whole codestream tiles under the area.
            int wx0 = Math.max(header.x0(), snapDown(x0, header.tileX0(), header.tileWidth()));
            int wy0 = Math.max(header.y0(), snapDown(y0, header.tileY0(), header.tileHeight()));
            int wx1 = (int) Math.min(header.x1(), snapUp(x1, header.tileX0(), header.tileWidth()));
            int wy1 = (int) Math.min(header.y1(), snapUp(y1, header.tileY0(), header.tileHeight()));
            PixelImage whole = openJpeg.decode(input(wx0, wy0, wx1, wy1), container, new OpenJpeg.Window(wx0, wy0, wx1, wy1, level,
                    layersFor(layers), (long) (wx1 - wx0) * (wy1 - wy0) >> (2 * level) >= THREADED_AREA ? threads : 1),
                    info.channels());
            Rect part = new Rect(ceilShift(x0, level) - ceilShift(wx0, level), ceilShift(y0, level) - ceilShift(wy0, level),
                    r.width(), r.height());
            if (part.right() > whole.width() || part.bottom() > whole.height()) {
                throw new org.tessera.error.CorruptImageException("decoded HT window smaller than the area");
            }
            return whole.crop(part);
        }
        OpenJpeg.Window window = new OpenJpeg.Window(x0, y0, x1, y1, level, layersFor(layers), workers);
        boolean singleTile = header.tilesAcross() * header.tilesDown() == 1;
        PixelImage pixels = pooled.isPresent() && singleTile && workers == 1
                ? pooled.get().pool().decode(pooledKey(window.layers(), level), container, window, info.channels())
                : openJpeg.decode(input(x0, y0, x1, y1), container, window, info.channels());
        if (pixels.width() != r.width() || pixels.height() != r.height()) {
            throw new org.tessera.error.CorruptImageException("decoded " + pixels.width() + "x" + pixels.height()
                    + " pixels for a " + r.width() + "x" + r.height() + " area");
        }
        return pixels;
    }

    private ReaderPool.Key pooledKey(int layers, int reduce) {
        ReaderPool.Key k = pooled.orElseThrow().key();
        return new ReaderPool.Key(k.file(), k.modified(), k.size(), layers, reduce);
    }

    /** The file, or for a tiled codestream only the parts a window needs. */
    private OpenJpeg.Input input(int x0, int y0, int x1, int y1) {
        return index.map(i -> i.view(channel, container, header, x0, y0, x1, y1)).orElseGet(() -> OpenJpeg.Input.of(channel));
    }

    private static int snapDown(int v, int origin, int step) {
        return (int) (origin + Math.floorDiv((long) v - origin, step) * step);
    }

    private static long snapUp(int v, int origin, int step) {
        return origin + Math.ceilDiv((long) v - origin, step) * step;
    }

    private Level level(int page, int level) {
        if (page != 0) throw new InvalidRequestException("page " + page + " does not exist");
        if (level < 0 || level >= info.levels().size()) throw new InvalidRequestException("resolution level " + level + " does not exist");
        return info.levels().get(level);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
