package org.tessera.source.tiff;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.tessera.codec.JpegDecoder;
import org.tessera.http.HttpError;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.source.ImageSource;
import org.tessera.source.StoredJpeg;

/**
 * Tiles of a tiled (pyramidal) TIFF, read with positional reads on one channel, so concurrent
 * requests share an instance without locking. Closing it closes the channel.
 */
public final class TiffImageSource implements ImageSource {
    /** Larger tiles are refused rather than allocated: a 4096x4096 RGBA tile is 64 MB, and a hostile file must not make every request allocate gigabytes. */
    static final long MAX_TILE_BYTES = 64L << 20;

    private final FileChannel channel;
    private final TiffImage image;
    private final JpegDecoder jpegDecoder;
    private final byte[][] prefixes;

    public TiffImageSource(FileChannel channel, TiffImage image, JpegDecoder jpegDecoder) {
        this.channel = channel;
        this.image = image;
        this.jpegDecoder = jpegDecoder;
        this.prefixes = new byte[image.levels().size()][];
    }

    /** Parses {@code file} and opens it; for tools and tests (the repository caches the parse). */
    public static TiffImageSource open(Path file, JpegDecoder jpegDecoder) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            TiffImage img = TiffPyramid.build(TiffParser.parse(ch), Files.getLastModifiedTime(file).toInstant());
            return new TiffImageSource(ch, img, jpegDecoder);
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
        byte[] stored = d.compression() == TiffTags.COMPRESSION_JPEG ? jpegTile(d, level, col, row) : storedBytes(d, col, row);
        PixelImage tile;
        if (stored.length == 0) {
            // Sparse files (GDAL SPARSE_OK) leave never-written tiles out: they are empty.
            tile = PixelImage.blank(cell.width(), cell.height(), d.bitsPerSample() == 1 ? 1 : d.samplesPerPixel());
            return tile;
        }
        if (d.compression() == TiffTags.COMPRESSION_JPEG) {
            tile = decodeJpeg(d, stored, cell, 8);
        } else {
            tile = SampleConversion.toPixels(d, samples(d, col, row, stored), image.order());
        }
        return tile.crop(new Rect(0, 0, cell.width(), cell.height()));
    }

    @Override
    public boolean decodesScaled(int page, int level) {
        return jpegDecoder.decodesScaled() && passable(directory(page, level));
    }

    @Override
    public PixelImage readTileScaled(int page, int level, int col, int row, int eighths) throws IOException {
        if (eighths == 8) return readTile(page, level, col, row);
        TiffDirectory d = directory(page, level);
        if (!decodesScaled(page, level)) throw new UnsupportedOperationException("level " + level + " cannot be decoded scaled");
        Rect cell = cell(level, col, row);
        Rect scaled = new Rect(0, 0, (cell.width() * eighths + 7) / 8, (cell.height() * eighths + 7) / 8);
        byte[] jpeg = jpegTile(d, level, col, row);
        if (jpeg.length == 0) return PixelImage.blank(scaled.width(), scaled.height(), d.samplesPerPixel());
        return decodeJpeg(d, jpeg, scaled, eighths).crop(scaled);
    }

    /** Decodes one JPEG tile at {@code eighths}/8, checking it against the directory; {@code cell} is the part that must be covered. */
    private PixelImage decodeJpeg(TiffDirectory d, byte[] jpeg, Rect cell, int eighths) throws IOException {
        JpegTileAssembler.checkFrameSize(jpeg, d.tileWidth(), d.tileLength());
        PixelImage tile = eighths == 8 ? jpegDecoder.decode(jpeg) : jpegDecoder.decodeScaled(jpeg, 0, jpeg.length, eighths);
        int expectedChannels = d.samplesPerPixel();
        if (tile.channels() != expectedChannels) {
            throw new TiffFormatException("JPEG tile has " + tile.channels() + " channels, the image declares " + expectedChannels);
        }
        if (tile.width() < cell.width() || tile.height() < cell.height()) {
            throw new TiffFormatException("JPEG tile is " + tile.width() + "x" + tile.height() + " at " + eighths
                    + "/8, expected at least " + cell.width() + "x" + cell.height());
        }
        return tile;
    }

    /** Decoded, interleaved samples of a non-JPEG tile; separate planes are read and woven together. */
    private byte[] samples(TiffDirectory d, int col, int row, byte[] firstPlane) throws IOException {
        long expected = d.tileRowBytes() * d.tileLength();
        int planes = d.planarConfig() == 2 ? d.samplesPerPixel() : 1;
        if (expected * planes > MAX_TILE_BYTES) throw new TiffFormatException("decoded tile of " + expected * planes + " bytes is too large");
        byte[][] decoded = new byte[planes][];
        for (int p = 0; p < planes; p++) {
            long index = (long) p * d.tilesAcross() * d.tilesDown() + (long) row * d.tilesAcross() + col;
            byte[] stored = p == 0 ? firstPlane : storedBytes(d, index, col, row);
            decoded[p] = Decompression.decompress(d.compression(), stored, (int) expected);
            SampleConversion.undoPredictor(d, decoded[p], image.order());
        }
        return planes == 1 ? decoded[0] : SampleConversion.interleave(decoded, d.bitsPerSample() / 8);
    }

    @Override
    public Optional<byte[]> storedJpegTile(int page, int level, int col, int row) throws IOException {
        return storedJpeg(page, level, col, row).filter(j -> !j.needsCrop()).map(StoredJpeg::jpeg);
    }

    @Override
    public Optional<StoredJpeg> storedJpeg(int page, int level, int col, int row) throws IOException {
        TiffDirectory d = directory(page, level);
        Rect cell = cell(level, col, row);
        if (!passable(d)) return Optional.empty();
        byte[] jpeg = jpegTile(d, level, col, row);
        if (jpeg.length == 0) return Optional.empty();
        return Optional.of(new StoredJpeg(jpeg, d.tileWidth(), d.tileLength(), cell.width(), cell.height()));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** An 8-bit, 1- or 3-channel chunky JPEG level whose decoded samples need no conversion. */
    private static boolean passable(TiffDirectory d) {
        return d.compression() == TiffTags.COMPRESSION_JPEG && d.bitsPerSample() == 8
                && d.planarConfig() == 1 && (d.samplesPerPixel() == 1 || d.samplesPerPixel() == 3)
                && d.photometric() != TiffTags.PHOTOMETRIC_MIN_IS_WHITE && d.photometric() != TiffTags.PHOTOMETRIC_CIELAB;
    }

    private static boolean rgbComponents(TiffDirectory d) {
        return d.photometric() == TiffTags.PHOTOMETRIC_RGB && d.samplesPerPixel() == 3;
    }

    private TiffDirectory directory(int page, int level) {
        if (page != 0) throw HttpError.badRequest("page " + page + " does not exist");
        if (level < 0 || level >= image.levels().size()) throw HttpError.badRequest("resolution level " + level + " does not exist");
        return image.levels().get(level);
    }

    private Rect cell(int level, int col, int row) {
        Level l = image.info().levels().get(level);
        if (col < 0 || row < 0 || col >= l.tilesAcross() || row >= l.tilesDown()) {
            throw HttpError.badRequest("tile " + col + "," + row + " does not exist at this resolution");
        }
        return l.tileRect(col, row);
    }

    /**
     * A JPEG tile as a standalone JPEG file (tables merged in), empty for a tile the writer left
     * out. The stored bytes are read straight into the array that is returned, behind the
     * level's prefix: no copy of the tile on the way to the response.
     */
    private byte[] jpegTile(TiffDirectory d, int level, int col, int row) throws IOException {
        long index = (long) row * d.tilesAcross() + col;
        long offset = d.tileOffsets().get(channel, index);
        long count = d.tileByteCounts().get(channel, index);
        if (count == 0) return new byte[0];
        checkTile(offset, count, col, row);
        byte[] prefix = prefix(d, level);
        int at = prefix.length - 2;
        byte[] jpeg = new byte[at + (int) count];
        FileReads.readFully(channel, java.nio.ByteBuffer.wrap(jpeg, at, (int) count), offset);
        JpegTileAssembler.checkSoi(jpeg, at, (int) count);
        System.arraycopy(prefix, 0, jpeg, 0, prefix.length);
        return jpeg;
    }

    /** The level's JPEG prefix, built once per opened source (tables are per level). */
    private byte[] prefix(TiffDirectory d, int level) throws TiffFormatException {
        byte[] p = prefixes[level];
        if (p == null) {
            p = JpegTileAssembler.prefix(d.jpegTables(), rgbComponents(d));
            prefixes[level] = p; // a benign race: every thread computes the same bytes
        }
        return p;
    }

    private void checkTile(long offset, long count, int col, int row) throws IOException {
        if (count > MAX_TILE_BYTES) throw new TiffFormatException("tile of " + count + " bytes is too large");
        long size = channel.size();
        if (offset <= 0 || offset + count > size) {
            throw new TiffFormatException("tile " + col + "," + row + " data (offset " + offset + ", " + count
                    + " bytes) lies beyond the end of the file (" + size + " bytes)");
        }
    }

    /** The tile's bytes as stored (for a chunky tile), empty for a tile the writer left out. */
    private byte[] storedBytes(TiffDirectory d, int col, int row) throws IOException {
        return storedBytes(d, (long) row * d.tilesAcross() + col, col, row);
    }

    private byte[] storedBytes(TiffDirectory d, long index, int col, int row) throws IOException {
        long offset = d.tileOffsets().get(channel, index);
        long count = d.tileByteCounts().get(channel, index);
        if (count == 0) return new byte[0];
        checkTile(offset, count, col, row);
        return FileReads.read(channel, offset, (int) count);
    }
}
