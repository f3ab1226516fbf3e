package org.tessera.source.tiff;

import static org.tessera.source.tiff.TiffTags.*;

import java.nio.ByteOrder;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.PixelImage;

/**
 * Checks a directory's sample layout, undoes the predictor, and turns plain 8-bit (and 1-bit)
 * tiles into pixels directly; every other layout goes through {@link SampleDecoder}.
 */
final class SampleConversion {
    private SampleConversion() {
    }

    /**
     * Refuses, with a clear message, the sample layouts this reader cannot decode, so a request
     * fails instead of sending garbage.
     */
    static void checkSupported(TiffDirectory d) {
        int bps = d.bitsPerSample(), spp = d.samplesPerPixel(), fmt = d.sampleFormat();
        switch (fmt) {
            case SAMPLE_FORMAT_FLOAT -> {
                if (bps != 16 && bps != 32 && bps != 64) throw unsupported(bps + "-bit float TIFF not supported");
            }
            case SAMPLE_FORMAT_INT -> {
                if (bps != 8 && bps != 16 && bps != 32) throw unsupported(bps + "-bit signed integer TIFF not supported");
            }
            case SAMPLE_FORMAT_UINT, 4 -> {
                if (bps != 1 && bps != 2 && bps != 4 && (bps < 8 || bps > 16) && bps != 32) {
                    throw unsupported(bps + "-bit TIFF not supported");
                }
            }
            default -> throw unsupported("TIFF sample format " + fmt + " not supported");
        }
        if (bps % 8 != 0 && spp > 1 && d.planarConfig() == 2) throw unsupported(bps + "-bit TIFF with separate planes not supported");
        if (d.planarConfig() == 2 && d.compression() == COMPRESSION_JPEG && spp > 1) {
            throw unsupported("JPEG TIFF with separate colour planes not supported");
        }
        switch (d.photometric()) {
            case PHOTOMETRIC_MIN_IS_WHITE, PHOTOMETRIC_MIN_IS_BLACK -> { }
            case PHOTOMETRIC_RGB -> {
                if (spp < 3) throw unsupported("RGB TIFF with fewer than 3 samples");
            }
            case PHOTOMETRIC_CIELAB -> {
                if (spp < 3) throw unsupported("CIELAB TIFF with fewer than 3 samples");
                if (fmt == SAMPLE_FORMAT_FLOAT ? bps != 32 : bps != 8 && bps != 16) throw unsupported(bps + "-bit CIELAB TIFF not supported");
            }
            case PHOTOMETRIC_YCBCR -> {
                if (d.compression() != COMPRESSION_JPEG && d.compression() != COMPRESSION_OLD_JPEG) throw unsupported("uncompressed YCbCr TIFF not supported");
            }
            case PHOTOMETRIC_PALETTE -> {
                if (spp != 1 || bps > 16 || fmt == SAMPLE_FORMAT_FLOAT || fmt == SAMPLE_FORMAT_INT) {
                    throw unsupported("palette TIFF with " + spp + " samples of " + bps + " bits not supported");
                }
                if (d.colorMap().length != 3 << bps) {
                    throw unsupported("palette TIFF whose ColorMap has " + d.colorMap().length + " entries, not " + (3 << bps));
                }
            }
            default -> throw unsupported("TIFF photometric interpretation " + d.photometric() + " not supported");
        }
        switch (d.predictor()) {
            case 1 -> { }
            case 2 -> {
                if (bps != 8 && bps != 16 && bps != 32) throw unsupported("predictor with " + bps + "-bit samples not supported");
            }
            case 3 -> {
                if (fmt != SAMPLE_FORMAT_FLOAT) throw unsupported("floating-point predictor on integer samples");
            }
            default -> throw unsupported("TIFF predictor " + d.predictor() + " not supported");
        }
        if (d.striped() && !Decompression.supported(d.compression())) {
            // strips are read row by row through the general decompressors; the codecs decode whole tiles only
            throw unsupported("striped TIFF with compression " + d.compression() + " not supported: store the image tiled");
        }
        if (d.compression() == COMPRESSION_JPEG && bps != 8) throw unsupported(bps + "-bit JPEG TIFF not supported");
        switch (d.compression()) {
            case COMPRESSION_JPEG -> { }
            case COMPRESSION_WEBP -> {
                // libtiff's WebP codec stores 8-bit RGB or RGBA only
                if (bps != 8 || d.samplesPerPixel() < 3 || d.samplesPerPixel() > 4 || d.planarConfig() != 1) {
                    throw new UnsupportedImageException("WebP TIFF with " + d.samplesPerPixel() + " samples of " + bps + " bits");
                }
            }
            case COMPRESSION_CCITT_RLE, COMPRESSION_CCITT_T4, COMPRESSION_CCITT_T6 -> {
                if (bps != 1) throw new UnsupportedImageException("CCITT TIFF with " + bps + "-bit samples");
            }
            case COMPRESSION_OLD_JPEG -> {
                if (bps != 8 || (d.samplesPerPixel() != 1 && d.samplesPerPixel() != 3) || d.planarConfig() != 1) {
                    throw new UnsupportedImageException("old-style JPEG TIFF with " + d.samplesPerPixel() + " samples of " + bps + " bits");
                }
            }
            default -> {
                if (!Decompression.supported(d.compression())) {
                    throw new UnsupportedImageException("TIFF compression " + d.compression() + " not supported yet");
                }
            }
        }
    }

    private static UnsupportedImageException unsupported(String message) {
        return new UnsupportedImageException(message);
    }

    /** True when {@link #toPixels} can take the decoded samples as they are: 8-bit (or 1-bit) unsigned grey or RGB, with at most 4 channels. */
    static boolean plainEightBit(TiffDirectory d) {
        int fmt = d.sampleFormat();
        return (d.bitsPerSample() == 8 || d.bitsPerSample() == 1 && d.samplesPerPixel() == 1)
                && (fmt == SAMPLE_FORMAT_UINT || fmt == 4)
                && d.samplesPerPixel() <= 4
                && d.photometric() != PHOTOMETRIC_PALETTE && d.photometric() != PHOTOMETRIC_CIELAB;
    }

    /**
     * Undoes the predictor in place on one decoded tile as stored (all samples interleaved, or
     * a single plane when planes are separate) and returns the byte order the samples are now
     * in: the floating-point predictor (3) leaves them most significant byte first.
     */
    static ByteOrder undoPredictor(TiffDirectory d, byte[] data, ByteOrder order) {
        if (d.predictor() == 1) return order;
        int spp = d.planarConfig() == 2 ? 1 : d.samplesPerPixel();
        int rowBytes = (int) d.tileRowBytes();
        int rows = data.length / rowBytes;
        int bytes = d.bitsPerSample() / 8;
        if (d.predictor() == 3) {
            byte[] row = new byte[rowBytes];
            int count = rowBytes / bytes;
            for (int r = 0; r < rows; r++) {
                int base = r * rowBytes;
                for (int i = base + spp; i < base + rowBytes; i++) data[i] += data[i - spp];
                System.arraycopy(data, base, row, 0, rowBytes);
                for (int i = 0; i < count; i++) {
                    for (int b = 0; b < bytes; b++) data[base + i * bytes + b] = row[b * count + i];
                }
            }
            return ByteOrder.BIG_ENDIAN;
        }
        if (bytes == 1) {
            for (int r = 0; r < rows; r++) {
                int base = r * rowBytes;
                for (int i = base + spp; i < base + rowBytes; i++) data[i] += data[i - spp];
            }
            return order;
        }
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        int step = bytes * spp;
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            for (int i = base + step; i + bytes <= base + rowBytes; i += bytes) {
                put(data, i, bytes, little, get(data, i, bytes, little) + get(data, i - step, bytes, little));
            }
        }
        return order;
    }

    private static long get(byte[] b, int i, int bytes, boolean little) {
        long v = 0;
        for (int k = 0; k < bytes; k++) v |= (long) (b[i + (little ? k : bytes - 1 - k)] & 0xFF) << (8 * k);
        return v;
    }

    private static void put(byte[] b, int i, int bytes, boolean little, long v) {
        for (int k = 0; k < bytes; k++) b[i + (little ? k : bytes - 1 - k)] = (byte) (v >> (8 * k));
    }

    /** Separate planes (each decoded, predictor undone) woven into one interleaved tile. */
    static byte[] interleave(byte[][] planes, int bytesPerSample) {
        int n = planes.length;
        byte[] out = new byte[planes[0].length * n];
        for (int p = 0; p < n; p++) {
            byte[] plane = planes[p];
            for (int i = 0, o = p * bytesPerSample; i + bytesPerSample <= plane.length; i += bytesPerSample, o += n * bytesPerSample) {
                System.arraycopy(plane, i, out, o, bytesPerSample);
            }
        }
        return out;
    }

    /**
     * The full tile (tileWidth x tileLength) as 8-bit pixels from interleaved 8-bit or 1-bit
     * samples ({@link #plainEightBit}); 1-bit becomes 0/255.
     */
    static PixelImage toPixels(TiffDirectory d, byte[] data) {
        int w = d.tileWidth(), h = d.tileLength(), spp = d.samplesPerPixel();
        byte[] out = new byte[w * h * spp];
        boolean invert = d.photometric() == PHOTOMETRIC_MIN_IS_WHITE;
        if (d.bitsPerSample() == 1) {
            int rowBytes = (w + 7) / 8;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean set = (data[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) != 0;
                    out[y * w + x] = (byte) (set != invert ? 255 : 0);
                }
            }
            return new PixelImage(w, h, 1, out);
        }
        System.arraycopy(data, 0, out, 0, out.length);
        if (invert) {
            // Only the grey sample is inverted; an alpha sample keeps its meaning.
            for (int i = 0; i < out.length; i += spp) out[i] = (byte) ~out[i];
        }
        return new PixelImage(w, h, spp, out);
    }
}
