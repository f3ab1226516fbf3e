package org.tessera.source.tiff;

import static org.tessera.source.tiff.TiffTags.*;

import java.nio.ByteOrder;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.PixelImage;

/** Undoes the predictor and turns decoded tile samples into 8-bit interleaved pixels. */
final class SampleConversion {
    private SampleConversion() {
    }

    /**
     * Throws the client-safe error for sample layouts this reader cannot turn into 8-bit pixels
     * yet, so a request fails with a clear 501 instead of garbage or a crash.
     */
    static void checkSupported(TiffDirectory d) {
        if (d.sampleFormat() == 3) throw new UnsupportedImageException(d.bitsPerSample() + "-bit float TIFF not supported yet");
        if (d.sampleFormat() == 2) throw new UnsupportedImageException("signed integer TIFF not supported yet");
        if (d.planarConfig() == 2 && d.compression() == COMPRESSION_JPEG && d.samplesPerPixel() > 1) {
            throw new UnsupportedImageException("JPEG TIFF with separate colour planes not supported yet");
        }
        int bps = d.bitsPerSample();
        if (bps != 1 && bps != 8 && bps != 16) throw new UnsupportedImageException(bps + "-bit TIFF not supported yet");
        if (bps == 1 && d.samplesPerPixel() != 1) throw new UnsupportedImageException("1-bit TIFF with several samples not supported yet");
        if (d.samplesPerPixel() > 4) throw new UnsupportedImageException(d.samplesPerPixel() + "-band TIFF not supported yet");
        boolean decodesToRgb = d.compression() == COMPRESSION_JPEG || d.compression() == COMPRESSION_OLD_JPEG;
        switch (d.photometric()) {
            case PHOTOMETRIC_MIN_IS_WHITE, PHOTOMETRIC_MIN_IS_BLACK, PHOTOMETRIC_RGB, PHOTOMETRIC_CIELAB -> { }
            case PHOTOMETRIC_YCBCR -> {
                if (!decodesToRgb) throw new UnsupportedImageException("uncompressed YCbCr TIFF not supported yet");
            }
            case PHOTOMETRIC_PALETTE -> throw new UnsupportedImageException("palette TIFF not supported yet");
            default -> throw new UnsupportedImageException("TIFF photometric interpretation " + d.photometric() + " not supported yet");
        }
        if (d.photometric() == PHOTOMETRIC_RGB && d.samplesPerPixel() < 3) throw new UnsupportedImageException("RGB TIFF with fewer than 3 samples");
        if (d.predictor() != 1 && d.predictor() != 2) throw new UnsupportedImageException("TIFF predictor " + d.predictor() + " not supported yet");
        if (d.compression() == COMPRESSION_JPEG && bps != 8) throw new UnsupportedImageException(bps + "-bit JPEG TIFF not supported yet");
        switch (d.compression()) {
            case COMPRESSION_JPEG -> { }
            case COMPRESSION_WEBP -> {
                // libtiff's WebP codec stores 8-bit RGB or RGBA only
                if (bps != 8 || d.samplesPerPixel() < 3 || d.planarConfig() != 1) {
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

    /**
     * Horizontal differencing (Predictor 2) undone in place, per row, per sample, on one decoded
     * tile as stored: all samples interleaved, or a single plane when planes are separate.
     */
    static void undoPredictor(TiffDirectory d, byte[] data, ByteOrder order) {
        if (d.predictor() != 2) return;
        int spp = d.planarConfig() == 2 ? 1 : d.samplesPerPixel();
        int rowBytes = (int) d.tileRowBytes();
        int rows = data.length / rowBytes;
        if (d.bitsPerSample() == 8) {
            for (int r = 0; r < rows; r++) {
                int base = r * rowBytes;
                for (int i = base + spp; i < base + rowBytes; i++) data[i] += data[i - spp];
            }
        } else if (d.bitsPerSample() == 16) {
            boolean little = order == ByteOrder.LITTLE_ENDIAN;
            int step = 2 * spp;
            for (int r = 0; r < rows; r++) {
                int base = r * rowBytes;
                for (int i = base + step; i + 1 < base + rowBytes; i += 2) {
                    int v = (get16(data, i, little) + get16(data, i - step, little)) & 0xFFFF;
                    if (little) {
                        data[i] = (byte) v;
                        data[i + 1] = (byte) (v >> 8);
                    } else {
                        data[i] = (byte) (v >> 8);
                        data[i + 1] = (byte) v;
                    }
                }
            }
        } else {
            throw new UnsupportedImageException("predictor with " + d.bitsPerSample() + "-bit samples not supported yet");
        }
    }

    private static int get16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
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
     * The full tile (tileWidth x tileLength) as 8-bit pixels from interleaved samples; 16-bit
     * keeps the high byte, 1-bit becomes 0/255.
     */
    static PixelImage toPixels(TiffDirectory d, byte[] data, ByteOrder order) {
        int w = d.tileWidth(), h = d.tileLength(), spp = d.samplesPerPixel();
        byte[] out = new byte[w * h * spp];
        boolean invert = d.photometric() == PHOTOMETRIC_MIN_IS_WHITE;
        int rowBytes = (int) (((long) w * spp * d.bitsPerSample() + 7) / 8);
        switch (d.bitsPerSample()) {
            case 1 -> {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean set = (data[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) != 0;
                        out[y * w + x] = (byte) (set != invert ? 255 : 0);
                    }
                }
                return new PixelImage(w, h, 1, out);
            }
            case 8 -> System.arraycopy(data, 0, out, 0, out.length);
            case 16 -> {
                int hi = order == ByteOrder.LITTLE_ENDIAN ? 1 : 0;
                for (int i = 0; i < out.length; i++) out[i] = data[2 * i + hi];
            }
            default -> throw new UnsupportedImageException(d.bitsPerSample() + "-bit TIFF not supported yet");
        }
        if (invert) {
            // Only the grey sample is inverted; an alpha sample keeps its meaning.
            for (int i = 0; i < out.length; i += spp) out[i] = (byte) ~out[i];
        }
        return new PixelImage(w, h, spp, out);
    }
}
