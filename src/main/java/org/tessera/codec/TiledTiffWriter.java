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
        List<long[]> fields = new ArrayList<>();
        long[] bps = new long[ch];
        java.util.Arrays.fill(bps, 8);
        boolean alpha = ch == 2 || ch == 4;
        fields.add(new long[] {256, 4, w});
        fields.add(new long[] {257, 4, h});
        fields.add(field(258, 3, bps));
        fields.add(new long[] {259, 3, useWebp ? COMPRESSION_WEBP : COMPRESSION_ZSTD});
        fields.add(new long[] {262, 3, ch >= 3 ? 2 : 1});
        fields.add(new long[] {277, 3, ch});
        fields.add(new long[] {284, 3, 1});
        // libtiff's WebP codec does not know the Predictor field (and warns about it)
        if (!useWebp) fields.add(new long[] {317, 3, 2});
        fields.add(new long[] {322, 3, TILE});
        fields.add(new long[] {323, 3, TILE});
        fields.add(field(324, 4, offsets));
        fields.add(field(325, 4, counts));
        if (alpha) fields.add(new long[] {338, 3, 2}); // unassociated alpha, as the pixels are
        long ifdAt = body.size();
        body.write(ifd(fields, ifdAt));
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

    private static long[] field(int tag, int type, long[] values) {
        long[] f = new long[2 + values.length];
        f[0] = tag;
        f[1] = type;
        System.arraycopy(values, 0, f, 2, values.length);
        return f;
    }

    /** One IFD (entries in tag order, as given) followed by its out-of-line values. */
    private static byte[] ifd(List<long[]> fields, long ifdAt) {
        int n = fields.size();
        long extraAt = ifdAt + 2 + 12L * n + 4;
        ByteBuffer entries = ByteBuffer.allocate(2 + 12 * n + 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        entries.putShort((short) n);
        for (long[] f : fields) {
            int type = (int) f[1], count = f.length - 2, size = type == 3 ? 2 : 4;
            ByteBuffer values = ByteBuffer.allocate(Math.max(4, size * count)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 2; i < f.length; i++) {
                if (size == 2) values.putShort((short) f[i]);
                else values.putInt((int) f[i]);
            }
            entries.putShort((short) f[0]).putShort((short) type).putInt(count);
            if (size * count <= 4) {
                entries.put(values.array(), 0, 4);
            } else {
                entries.putInt((int) (extraAt + extra.size()));
                extra.writeBytes(values.array());
            }
        }
        entries.putInt(0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(entries.array());
        all.writeBytes(extra.toByteArray());
        return all.toByteArray();
    }
}
