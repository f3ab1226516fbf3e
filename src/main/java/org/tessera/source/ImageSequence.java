package org.tessera.source;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.tessera.error.CorruptImageException;
import org.tessera.error.InvalidRequestException;
import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;
import org.tessera.image.SampleRaster;

/**
 * An image sequence (iipsrv 6.3): files {@code <name><FILENAME_PATTERN>HHH_VVV.<ext>}, one per
 * horizontal angle HHH and vertical angle VVV, served as one image whose pages are the
 * (h, v) pairs: page = hIndex + vIndex * horizontalCount. Files are opened when first read and
 * closed with the sequence; all must share the first file's geometry.
 */
public final class ImageSequence implements ImageSource {
    private final List<Integer> horizontal;
    private final List<Integer> vertical;
    private final Function<int[], ImageSource> opener;
    private final ImageSource[] open;
    private final ImageInfo info;

    /**
     * @param opener opens the file of angles {h, v}; the sequence closes what it returns
     */
    public ImageSequence(List<Integer> horizontal, List<Integer> vertical, Function<int[], ImageSource> opener) {
        this.horizontal = List.copyOf(horizontal);
        this.vertical = List.copyOf(vertical);
        this.opener = opener;
        this.open = new ImageSource[horizontal.size() * vertical.size()];
        ImageInfo first = source(0).info();
        this.info = new ImageInfo(first.levels(), open.length, first.channels(), first.bitsPerSample(), first.sampleFormat(),
                first.colourSpace(), first.minValues(), first.maxValues(), first.metadata(), first.dpiX(), first.dpiY(),
                first.lastModified());
    }

    @Override
    public ImageInfo info() { return info; }

    @Override
    public List<Integer> horizontalViews() { return horizontal; }

    @Override
    public List<Integer> verticalViews() { return vertical; }

    @Override
    public int page(int h, int v) {
        int hi = horizontal.indexOf(h), vi = vertical.indexOf(v);
        if (hi < 0 || vi < 0) throw new InvalidRequestException("no image at angles " + h + "," + v);
        return hi + vi * horizontal.size();
    }

    @Override
    public PixelImage readTile(int page, int level, int col, int row) throws IOException {
        return source(page).readTile(0, level, col, row);
    }

    @Override
    public SampleRaster readRaster(int page, int level, int col, int row) throws IOException {
        return source(page).readRaster(0, level, col, row);
    }

    @Override
    public boolean decodesReduced(int page, int level, int eighths) {
        return source(page).decodesReduced(0, level, eighths);
    }

    @Override
    public PixelImage readTileReduced(int page, int level, int col, int row, int eighths) throws IOException {
        return source(page).readTileReduced(0, level, col, row, eighths);
    }

    @Override
    public byte[] iccProfile() { return source(0).iccProfile(); }

    private synchronized ImageSource source(int page) {
        if (page < 0 || page >= open.length) throw new InvalidRequestException("page " + page + " does not exist");
        if (open[page] == null) {
            ImageSource s = opener.apply(new int[] {horizontal.get(page % horizontal.size()), vertical.get(page / horizontal.size())});
            if (page > 0 && !s.info().levels().equals(open[0].info().levels())) {
                closeQuietly(s);
                throw new CorruptImageException("sequence image " + page + " differs in size from the first");
            }
            open[page] = s;
        }
        return open[page];
    }

    @Override
    public synchronized void close() throws IOException {
        for (int i = 0; i < open.length; i++) {
            if (open[i] != null) closeQuietly(open[i]);
            open[i] = null;
        }
    }

    private static void closeQuietly(ImageSource s) {
        try {
            s.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a read-only file: nothing to save
        }
    }
}
