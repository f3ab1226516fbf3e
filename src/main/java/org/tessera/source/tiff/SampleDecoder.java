package org.tessera.source.tiff;

import static org.tessera.source.tiff.TiffTags.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tessera.image.SampleRaster;

/**
 * Decoded tile bytes (interleaved, predictor undone) to full-precision samples: integers of 1 to
 * 32 bits (any width from 9 to 16 too), signed or not, and 16/32/64-bit IEEE floats. Sub-byte samples are scaled to 0..255 as
 * iipsrv unpacks them (1-bit x255, 2-bit x85, 4-bit x17); MinIsWhite grey is inverted within its
 * range; palette indices become RGB from the ColorMap (16-bit entries, high byte kept); the a
 * and b channels of CIELAB integers are signed whatever SampleFormat says, as TIFF defines them.
 */
final class SampleDecoder {
    private SampleDecoder() {
    }

    /** 16 M samples: a 64 MB float raster, the most one tile may turn into. */
    static final long MAX_SAMPLES = 16L << 20;

    static SampleRaster decode(TiffDirectory d, byte[] data, ByteOrder order) {
        int w = d.tileWidth(), h = d.tileLength(), spp = d.samplesPerPixel(), bps = d.bitsPerSample();
        checkSize(w, h, d.photometric() == PHOTOMETRIC_PALETTE ? 3 : spp);
        int n = w * h * spp;
        float[] s = new float[n];
        int fmt = d.sampleFormat();
        boolean lab = d.photometric() == PHOTOMETRIC_CIELAB;
        if (bps % 8 != 0) {
            unpack(data, s, w, h, spp, bps);
        } else {
            ByteBuffer b = ByteBuffer.wrap(data).order(order);
            int bytes = bps / 8;
            for (int i = 0; i < n; i++) {
                int at = i * bytes;
                boolean signed = fmt == SAMPLE_FORMAT_INT || lab && i % spp != 0;
                s[i] = switch (bps) {
                    case 8 -> signed ? data[at] : data[at] & 0xFF;
                    case 16 -> fmt == SAMPLE_FORMAT_FLOAT ? Float.float16ToFloat(b.getShort(at))
                            : signed ? b.getShort(at) : b.getShort(at) & 0xFFFF;
                    case 32 -> fmt == SAMPLE_FORMAT_FLOAT ? b.getFloat(at)
                            : signed ? b.getInt(at) : b.getInt(at) & 0xFFFFFFFFL;
                    default -> (float) b.getDouble(at);
                };
            }
        }
        if (d.photometric() == PHOTOMETRIC_PALETTE) return palette(d, s, w, h, bps);
        if (bps < 8) scale(s, bps);
        if (d.photometric() == PHOTOMETRIC_MIN_IS_WHITE) {
            double max = fmt == SAMPLE_FORMAT_FLOAT ? 1.0 : bps <= 8 ? 255 : bps <= 16 ? (1 << bps) - 1 : 4294967295.0;
            for (int i = 0; i < n; i += spp) s[i] = (float) (max - s[i]);
        }
        return new SampleRaster(w, h, spp, s);
    }

    static void checkSize(int w, int h, int channels) {
        if ((long) w * h * channels > MAX_SAMPLES) {
            throw new org.tessera.error.UnsupportedImageException("tiles of " + w + "x" + h + "x" + channels + " samples are too large");
        }
    }

    /** Samples of any width that is not whole bytes (2, 4, 10, 12, 14 bits...), rows padded to whole bytes, most significant bits first. */
    private static void unpack(byte[] data, float[] s, int w, int h, int spp, int bps) {
        long rowBytes = ((long) w * spp * bps + 7) / 8, mask = (1L << bps) - 1;
        int perRow = w * spp;
        for (int y = 0; y < h; y++) {
            long base = y * rowBytes * 8;
            for (int i = 0; i < perRow; i++) {
                long bit = base + (long) i * bps;
                int at = (int) (bit >> 3);
                long window = 0;
                for (int k = 0; k < 5; k++) window = window << 8 | (at + k < data.length ? data[at + k] & 0xFF : 0);
                s[y * perRow + i] = (window >> (40 - (bit & 7) - bps)) & mask;
            }
        }
    }

    private static void scale(float[] s, int bps) {
        int k = 255 / ((1 << bps) - 1);
        for (int i = 0; i < s.length; i++) s[i] *= k;
    }

    private static SampleRaster palette(TiffDirectory d, float[] index, int w, int h, int bps) {
        int[] map = d.colorMap();
        int entries = 1 << bps;
        float[] rgb = new float[index.length * 3];
        for (int i = 0; i < index.length; i++) {
            int k = (int) index[i];
            rgb[3 * i] = map[k] >> 8;
            rgb[3 * i + 1] = map[entries + k] >> 8;
            rgb[3 * i + 2] = map[2 * entries + k] >> 8;
        }
        return new SampleRaster(w, h, 3, rgb);
    }
}
