package org.tessera.codec;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tessera.image.PixelImage;

/**
 * Writes a single-image, tiled, little-endian TIFF with WebP (50001) or ZSTD (50000) tiles, the
 * two compressions the JDK writer lacks, laid out as libtiff writes and reads them: full-size
 * (padded) tiles, WebP only for 8-bit RGB or RGBA, ZSTD with horizontal differencing.
 */
final class TiledTiffWriter {
    static final int TILE = 256;
    static final int COMPRESSION_ZSTD = 50000, COMPRESSION_WEBP = 50001;

    private final Optional<Webp> webp;

    TiledTiffWriter(Optional<Webp> webp) {
        this.webp = webp;
    }

    /** @param quality WebP 0..100 (below 0 lossless); ZSTD level 1..19 */
    byte[] write(PixelImage image, boolean useWebp, int quality) throws IOException {
        PixelImage src = useWebp && image.channels() <= 2 ? widenGrey(image) : image;
        int w = src.width(), h = src.height(), ch = src.channels();
        int across = (w + TILE - 1) / TILE, down = (h + TILE - 1) / TILE;
        int tiles = across * down;
        ByteArrayOutputStream body = new ByteArrayOutputStream(src.pixels().length / 4 + 4096);
        body.write(new byte[8]);
        long[] offsets = new long[tiles], counts = new long[tiles];
        for (int row = 0; row < down; row++) {
            for (int col = 0; col < across; col++) {
                PixelImage tile = tile(src, col * TILE, row * TILE);
                byte[] data = useWebp ? webp(tile, quality) : zstd(tile, quality);
                int index = row * across + col;
                offsets[index] = body.size();
                counts[index] = data.length;
                body.write(data);
                if (body.size() % 2 != 0) body.write(0);
            }
        }
        if (body.size() > 0xFFFF_0000L) throw new IOException("TIFF output beyond 4 GB");
        List<TiffDirectoryWriter.Field> fields = new ArrayList<>();
        long[] bps = new long[ch];
        java.util.Arrays.fill(bps, 8);
        boolean alpha = ch == 2 || ch == 4;
        fields.add(new TiffDirectoryWriter.Field(256, 4, new long[] {w}));
        fields.add(new TiffDirectoryWriter.Field(257, 4, new long[] {h}));
        fields.add(new TiffDirectoryWriter.Field(258, 3, bps));
        fields.add(new TiffDirectoryWriter.Field(259, 3, new long[] {useWebp ? COMPRESSION_WEBP : COMPRESSION_ZSTD}));
        fields.add(new TiffDirectoryWriter.Field(262, 3, new long[] {ch >= 3 ? 2 : 1}));
        fields.add(new TiffDirectoryWriter.Field(277, 3, new long[] {ch}));
        fields.add(new TiffDirectoryWriter.Field(284, 3, new long[] {1}));
        // libtiff's WebP codec does not know the Predictor field (and warns about it)
        if (!useWebp) fields.add(new TiffDirectoryWriter.Field(317, 3, new long[] {2}));
        fields.add(new TiffDirectoryWriter.Field(322, 3, new long[] {TILE}));
        fields.add(new TiffDirectoryWriter.Field(323, 3, new long[] {TILE}));
        fields.add(new TiffDirectoryWriter.Field(324, 4, offsets));
        fields.add(new TiffDirectoryWriter.Field(325, 4, counts));
        if (alpha) fields.add(new TiffDirectoryWriter.Field(338, 3, new long[] {2})); // unassociated alpha, as the pixels are
        long ifdAt = body.size();
        body.write(TiffDirectoryWriter.write(fields, ifdAt));
        byte[] out = body.toByteArray();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt((int) ifdAt);
        return out;
    }

    private byte[] webp(PixelImage tile, int quality) throws IOException {
        return webp.orElseThrow(() -> new IOException("WebP TIFF output needs libwebp")).encode(tile, quality);
    }

    private static byte[] zstd(PixelImage tile, int level) {
        byte[] p = tile.pixels().clone();
        int ch = tile.channels(), rowBytes = TILE * ch;
        // horizontal differencing (Predictor 2), right to left so each byte still sees its left neighbour
        for (int r = 0; r < TILE; r++) {
            int base = r * rowBytes;
            for (int i = base + rowBytes - 1; i >= base + ch; i--) p[i] -= p[i - ch];
        }
        return Zstd.compress(p, Math.clamp(level, 1, 19));
    }

    /** The TILE x TILE tile at (x0, y0), edge tiles padded by repeating the last column and row. */
    private static PixelImage tile(PixelImage src, int x0, int y0) {
        int ch = src.channels(), w = src.width(), h = src.height();
        byte[] in = src.pixels(), out = new byte[TILE * TILE * ch];
        int cw = Math.min(TILE, w - x0);
        for (int y = 0; y < TILE; y++) {
            int sy = Math.min(y0 + y, h - 1);
            int rowStart = y * TILE * ch;
            System.arraycopy(in, (sy * w + x0) * ch, out, rowStart, cw * ch);
            for (int x = cw; x < TILE; x++) System.arraycopy(out, rowStart + (cw - 1) * ch, out, rowStart + x * ch, ch);
        }
        return new PixelImage(TILE, TILE, ch, out);
    }

    private static PixelImage widenGrey(PixelImage image) {
        boolean alpha = image.channels() == 2;
        int outCh = alpha ? 4 : 3;
        byte[] src = image.pixels(), out = new byte[image.width() * image.height() * outCh];
        for (int i = 0, o = 0; i < src.length; ) {
            byte g = src[i++];
            out[o++] = g;
            out[o++] = g;
            out[o++] = g;
            if (alpha) out[o++] = src[i++];
        }
        return new PixelImage(image.width(), image.height(), outCh, out);
    }
}
