package org.tessera.source.tiff;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.tessera.codec.JpegDecoder;
import org.tessera.codec.WebpDecoder;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.ImageInfo;
import org.tessera.image.PyramidGeometry;
import org.tessera.image.TileAddress;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.image.SampleRaster;
import org.tessera.image.SampleScaling;
import org.tessera.image.StackPage;
import org.tessera.source.ImageSource;
import org.tessera.source.StoredTile;
import org.tessera.source.StoredTileSource;
import org.tessera.format.OutputFormat;

/**
 * Tiles of a tiled (pyramidal) TIFF, read with positional reads on one channel, so concurrent
 * requests share an instance without locking. Closing it closes the channel.
 */
public final class TiffImageSource implements ImageSource, StoredTileSource {
    /** Larger tiles are refused rather than allocated: a 4096x4096 RGBA tile is 64 MB, and a hostile file must not make every request allocate gigabytes. */
    static final long MAX_TILE_BYTES = 64L << 20;

    private final FileChannel channel;
    private final TiffImage image;
    private final JpegDecoder jpegDecoder;
    private final Optional<WebpDecoder> webpDecoder;

    public TiffImageSource(FileChannel channel, TiffImage image, JpegDecoder jpegDecoder) {
        this(channel, image, jpegDecoder, Optional.empty());
    }

    /** @param webpDecoder for WebP-compressed tiles; without it they are refused as unsupported */
    public TiffImageSource(FileChannel channel, TiffImage image, JpegDecoder jpegDecoder, Optional<WebpDecoder> webpDecoder) {
        this.channel = channel;
        this.image = image;
        this.jpegDecoder = jpegDecoder;
        this.webpDecoder = webpDecoder;
    }

    /** Parses {@code file} and opens it; for tools and tests (the repository caches the parse). */
    public static TiffImageSource open(Path file, JpegDecoder jpegDecoder) throws IOException {
        return open(file, jpegDecoder, Optional.empty());
    }

    /** {@link #open(Path, JpegDecoder)} able to decode WebP tiles too. */
    public static TiffImageSource open(Path file, JpegDecoder jpegDecoder, Optional<WebpDecoder> webpDecoder) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            TiffImage img = TiffPyramid.build(TiffParser.parse(ch), Files.getLastModifiedTime(file).toInstant());
            return new TiffImageSource(ch, img, jpegDecoder, webpDecoder);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public ImageInfo info() { return image.info(); }

    @Override
    public PixelImage readTile(int page, int level, int col, int row) throws IOException {
        TiffDirectory d = directory(page, level);
        Rect cell = cell(level, col, row);
        SampleConversion.checkSupported(d);
        if (image.striped() && SampleConversion.plainEightBit(d)) {
            StripedTiles.Tile t = StripedTiles.read(channel, d, image.order(), 1 << level, cell);
            return SampleConversion.toPixels(d.asTile(cell.width(), cell.height()), t.bytes());
        }
        // codecs that decode to 8 bits themselves take the path below; readRaster hands them back here
        if (!decodedByCodec(d) && !SampleConversion.plainEightBit(d)) {
            return SampleScaling.toPixels(readRaster(page, level, col, row), image.info());
        }
        boolean jpeg = d.compression() == TiffTags.COMPRESSION_JPEG;
        // a JPEG tile is read straight into the standalone JPEG it is decoded from
        byte[] stored = jpeg ? storedJpeg(d, col, row) : storedBytes(d, col, row);
        PixelImage tile;
        if (stored.length == 0) {
            // Sparse files (GDAL SPARSE_OK) leave never-written tiles out: they are empty.
            tile = PixelImage.blank(cell.width(), cell.height(), d.bitsPerSample() == 1 ? 1 : d.samplesPerPixel());
            return tile;
        }
        if (jpeg) {
            tile = jpegTile(d, stored, cell.width(), cell.height(), 8);
        } else if (d.compression() == TiffTags.COMPRESSION_WEBP) {
            checkDecodedSize(d);
            tile = webpTile(d, stored);
        } else if (TwelveMonkeysTiles.handles(d.compression())) {
            checkDecodedSize(d);
            tile = TwelveMonkeysTiles.decode(d, stored, channel);
        } else {
            Decoded decoded = samples(d, col, row, stored);
            tile = SampleConversion.toPixels(d, decoded.bytes());
        }
        return tile.crop(new Rect(0, 0, cell.width(), cell.height()));
    }

    /**
     * JPEG tiles of a tiled file, at 1/8, 2/8 or 4/8 (what libjpeg-turbo decodes for less than a
     * full decode). The samples need no conversion after any JPEG decode, so a reduced tile is the
     * full one made smaller, nothing else.
     */
    @Override
    public boolean decodesReduced(int page, int level, int eighths) {
        if (image.striped() || eighths < 1 || eighths > 7) return false;
        return directory(page, level).compression() == TiffTags.COMPRESSION_JPEG && jpegDecoder.reducesCheaply(eighths);
    }

    /** Not cropped to the level's edge: the caller takes the cell from the top-left, so no copy is made. */
    @Override
    public PixelImage readTileReduced(int page, int level, int col, int row, int eighths) throws IOException {
        if (!decodesReduced(page, level, eighths)) {
            throw new UnsupportedOperationException("level " + level + " cannot be decoded at " + eighths + "/8");
        }
        TiffDirectory d = directory(page, level);
        Rect cell = cell(level, col, row);
        SampleConversion.checkSupported(d);
        int width = (int) (((long) cell.width() * eighths + 7) / 8), height = (int) (((long) cell.height() * eighths + 7) / 8);
        byte[] jpeg = storedJpeg(d, col, row);
        if (jpeg.length == 0) return PixelImage.blank(width, height, d.samplesPerPixel());
        return jpegTile(d, jpeg, width, height, eighths);
    }

    /**
     * One stored JPEG tile ({@link #storedJpeg}) decoded at {@code eighths}/8, checked against the
     * directory: its channels, and at least {@code width x height} pixels.
     */
    private PixelImage jpegTile(TiffDirectory d, byte[] jpeg, int width, int height, int eighths) throws IOException {
        JpegTileAssembler.checkFrameSize(jpeg, d.tileWidth(), d.tileLength(), MAX_TILE_BYTES);
        PixelImage tile = eighths == 8 ? jpegDecoder.decode(jpeg) : jpegDecoder.decodeReduced(jpeg, eighths);
        int expectedChannels = d.samplesPerPixel();
        if (tile.channels() != expectedChannels) {
            throw new TiffFormatException("JPEG tile has " + tile.channels() + " channels, the image declares " + expectedChannels);
        }
        if (tile.width() < width || tile.height() < height) {
            throw new TiffFormatException("JPEG tile is " + tile.width() + "x" + tile.height()
                    + (eighths == 8 ? "" : " at " + eighths + "/8") + ", expected " + width + "x" + height);
        }
        return tile;
    }

    /** Refuses tiles whose decoded pixels would exceed the per-tile memory bound, before any decoder allocates them. */
    private static void checkDecodedSize(TiffDirectory d) throws TiffFormatException {
        long bytes = (long) d.tileWidth() * d.tileLength() * Math.max(4, d.samplesPerPixel());
        if (bytes > MAX_TILE_BYTES) throw new TiffFormatException("decoded tile of " + bytes + " bytes is too large");
    }

    /**
     * A WebP tile (libtiff's codec: one WebP picture of the whole tile, RGB or RGBA); the decoder
     * gives RGBA only when the picture has alpha, so the channels are matched to the directory's.
     */
    private PixelImage webpTile(TiffDirectory d, byte[] stored) throws IOException {
        WebpDecoder decoder = webpDecoder.orElseThrow(
                () -> new UnsupportedImageException("WebP-compressed TIFF needs libwebp, which is not loaded"));
        PixelImage tile;
        try {
            tile = decoder.decode(stored);
        } catch (IOException e) {
            throw new TiffFormatException("corrupt WebP tile data: " + e.getMessage());
        }
        if (tile.width() < d.tileWidth() || tile.height() < d.tileLength()) {
            throw new TiffFormatException("WebP tile is " + tile.width() + "x" + tile.height() + ", expected " + d.tileWidth() + "x" + d.tileLength());
        }
        int want = d.samplesPerPixel();
        if (tile.channels() == want) return tile;
        byte[] in = tile.pixels();
        int n = tile.width() * tile.height(), have = tile.channels();
        byte[] out = new byte[n * want];
        for (int i = 0; i < n; i++) {
            System.arraycopy(in, i * have, out, i * want, 3);
            if (want == 4) out[i * 4 + 3] = (byte) 255;
        }
        return new PixelImage(tile.width(), tile.height(), want, out);
    }

    /**
     * The tile's samples at full precision, every band, cropped to the level's edge: what the
     * processing operations work on. JPEG tiles (8-bit by definition) come through the decoder.
     */
    /** JPEG, WebP, CCITT and old-style JPEG tiles: a codec decodes them, always to 8-bit pixels. */
    private static boolean decodedByCodec(TiffDirectory d) {
        return d.compression() == TiffTags.COMPRESSION_JPEG || d.compression() == TiffTags.COMPRESSION_WEBP
                || TwelveMonkeysTiles.handles(d.compression());
    }

    @Override
    public SampleRaster readRaster(int page, int level, int col, int row) throws IOException {
        TiffDirectory d = directory(page, level);
        Rect cell = cell(level, col, row);
        SampleConversion.checkSupported(d);
        if (image.striped()) {
            StripedTiles.Tile t = StripedTiles.read(channel, d, image.order(), 1 << level, cell);
            return SampleDecoder.decode(d.asTile(cell.width(), cell.height()), t.bytes(), t.order());
        }
        if (decodedByCodec(d)) return SampleRaster.of(readTile(page, level, col, row)); // 8-bit by definition
        byte[] stored = storedBytes(d, col, row);
        if (stored.length == 0) return SampleRaster.blank(cell.width(), cell.height(), image.info().channels());
        Decoded decoded = samples(d, col, row, stored);
        SampleRaster raster = SampleDecoder.decode(d, decoded.bytes(), decoded.order());
        return raster.crop(new Rect(0, 0, cell.width(), cell.height()));
    }

    private record Decoded(byte[] bytes, ByteOrder order) {
    }

    /** Decoded, interleaved samples of a non-JPEG tile; separate planes are read and woven together. */
    private Decoded samples(TiffDirectory d, int col, int row, byte[] firstPlane) throws IOException {
        checkDecodedSize(d); // 1-bit samples grow eightfold into pixels: the stored size alone says too little
        long expected = d.tileRowBytes() * d.tileLength();
        int planes = d.planarConfig() == 2 ? d.samplesPerPixel() : 1;
        if (expected * planes > MAX_TILE_BYTES) throw new TiffFormatException("decoded tile of " + expected * planes + " bytes is too large");
        byte[][] decoded = new byte[planes][];
        ByteOrder order = image.order();
        for (int p = 0; p < planes; p++) {
            long index = (long) p * d.tilesAcross() * d.tilesDown() + (long) row * d.tilesAcross() + col;
            byte[] stored = p == 0 ? firstPlane : storedBytes(d, index, col, row);
            decoded[p] = Decompression.decompress(d.compression(), stored, (int) expected);
            order = SampleConversion.undoPredictor(d, decoded[p], image.order());
        }
        return new Decoded(planes == 1 ? decoded[0] : SampleConversion.interleave(decoded, Math.max(1, d.bitsPerSample() / 8)), order);
    }

    @Override
    public Optional<StoredTile> storedTile(int page, int level, int col, int row, IntFunction<byte[]> arrays) throws IOException {
        TiffDirectory d = directory(page, level);
        Rect cell = cell(level, col, row);
        boolean passable = !image.striped() && d.compression() == TiffTags.COMPRESSION_JPEG && d.bitsPerSample() == 8
                && d.planarConfig() == 1 && (d.samplesPerPixel() == 1 || d.samplesPerPixel() == 3)
                && d.photometric() != TiffTags.PHOTOMETRIC_MIN_IS_WHITE && d.photometric() != TiffTags.PHOTOMETRIC_CIELAB;
        if (!passable) return Optional.empty();
        JpegTileAssembler.Assembled jpeg = storedJpeg(d, col, row, arrays);
        if (jpeg.length() == 0) return Optional.empty();
        return Optional.of(new StoredTile(OutputFormat.JPEG, jpeg.bytes(), jpeg.length(), d.tileWidth(), d.tileLength(), cell.width(), cell.height()));
    }

    @Override
    public List<StackPage> stackPages() { return image.stack(); }

    @Override
    public byte[] iccProfile() { return image.levels().get(0).iccProfile().clone(); }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static boolean rgbComponents(TiffDirectory d) {
        return d.photometric() == TiffTags.PHOTOMETRIC_RGB && d.samplesPerPixel() == 3;
    }

    private TiffDirectory directory(int page, int level) {
        PyramidGeometry geometry = new PyramidGeometry(image.info());
        geometry.checkPage(page);
        geometry.level(level);
        List<TiffDirectory> levels = image.pages().get(page);
        return image.striped() ? levels.get(0) : levels.get(level);
    }

    private Rect cell(int level, int col, int row) {
        return new PyramidGeometry(image.info()).tileRect(new TileAddress(level, col, row));
    }

    /** The tile's bytes as stored (for a chunky tile), empty for a tile the writer left out. */
    private byte[] storedBytes(TiffDirectory d, int col, int row) throws IOException {
        return storedBytes(d, (long) row * d.tilesAcross() + col, col, row);
    }

    private byte[] storedBytes(TiffDirectory d, long index, int col, int row) throws IOException {
        Span at = span(d, index, col, row);
        return at.count() == 0 ? new byte[0] : FileReads.read(channel, at.offset(), at.count());
    }

    /**
     * A JPEG tile as a standalone JPEG (JPEGTables merged in), read from the file straight into
     * that array: one copy, whether it is passed through or decoded. Empty for a tile left out.
     */
    private byte[] storedJpeg(TiffDirectory d, int col, int row) throws IOException {
        return storedJpeg(d, col, row, byte[]::new).bytes();
    }

    /** As above, into an array from {@code arrays} (the JPEG fills its first {@code length()} bytes). */
    private JpegTileAssembler.Assembled storedJpeg(TiffDirectory d, int col, int row, IntFunction<byte[]> arrays)
            throws IOException {
        Span at = span(d, (long) row * d.tilesAcross() + col, col, row);
        if (at.count() == 0) return new JpegTileAssembler.Assembled(new byte[0], 0);
        return JpegTileAssembler.read(channel, at.offset(), at.count(), d.jpegTables(), rgbComponents(d), arrays);
    }

    /**
     * Offset and byte count of tile {@code index}, checked; a count of 0 is a tile the writer
     * left out. Data past the end of the file is reported by the read itself.
     */
    private Span span(TiffDirectory d, long index, int col, int row) throws IOException {
        long offset = d.tileOffsets().get(channel, index);
        long count = d.tileByteCounts().get(channel, index);
        if (count == 0) return new Span(0, 0);
        if (count > MAX_TILE_BYTES) throw new TiffFormatException("tile of " + count + " bytes is too large");
        if (offset <= 0) throw new TiffFormatException("tile " + col + "," + row + " data at offset " + offset);
        return new Span(offset, (int) count);
    }

    private record Span(long offset, int count) {
    }
}
