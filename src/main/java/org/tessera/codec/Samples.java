package org.tessera.codec;

import static org.tessera.codec.OpenJpegNative.*;

import com.sun.jna.Pointer;
import org.tessera.error.CorruptImageException;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.PixelImage;

/** Moves pixels between OpenJPEG's per-component 32-bit planes and interleaved 8-bit {@link PixelImage}s. */
final class Samples {
    private Samples() {
    }

    /**
     * The first {@code channels} components as 8-bit pixels (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA);
     * sYCC/e-YCC become RGB.
     */
    static PixelImage toPixels(Pointer image, int channels) {
        int n = image.getInt(IMAGE_NUMCOMPS);
        int colourSpace = image.getInt(IMAGE_COLOR_SPACE);
        Pointer comps = image.getPointer(IMAGE_COMPS);
        if (colourSpace == CLRSPC_CMYK) throw new UnsupportedImageException("CMYK JPEG 2000 is not supported");
        if (channels < 1 || channels > 4 || channels > n) {
            throw new CorruptImageException("asked for " + channels + " channels of " + n + " components");
        }
        Pointer first = comps;
        int w = first.getInt(COMP_W), h = first.getInt(COMP_H);
        if (w < 1 || h < 1) throw new CorruptImageException("decoded an empty image");
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), channels)];
        for (int c = 0; c < channels; c++) {
            Pointer comp = comps.share((long) c * COMP_SIZE);
            if (comp.getInt(COMP_W) != w || comp.getInt(COMP_H) != h) {
                throw new UnsupportedImageException("JPEG 2000 with subsampled components is not supported");
            }
            Pointer data = comp.getPointer(COMP_DATA);
            if (data == null) throw new CorruptImageException("component " + c + " was not decoded");
            int[] plane = data.getIntArray(0, w * h);
            scale(plane, comp.getInt(COMP_PREC), comp.getInt(COMP_SGND) != 0, out, c, channels);
        }
        if (channels >= 3 && (colourSpace == CLRSPC_SYCC || colourSpace == CLRSPC_EYCC)) yccToRgb(out, channels);
        return new PixelImage(w, h, channels, out);
    }

    /** Writes one component into every {@code stride}-th byte from {@code offset}, scaled to 0..255. */
    private static void scale(int[] plane, int precision, boolean signed, byte[] out, int offset, int stride) {
        if (precision < 1 || precision > 31) throw new CorruptImageException("component precision " + precision);
        int shift = signed ? 1 << (precision - 1) : 0;
        int max = (int) ((1L << precision) - 1);
        for (int i = 0, o = offset; i < plane.length; i++, o += stride) {
            int v = Math.clamp((long) plane[i] + shift, 0, max);
            int b;
            if (precision == 8) b = v;
            else if (precision > 8) b = v >>> (precision - 8);
            else b = (v * 255 + max / 2) / max;
            out[o] = (byte) b;
        }
    }

    /** sYCC (ITU-R BT.601 full range) to RGB, in place. */
    private static void yccToRgb(byte[] px, int channels) {
        for (int i = 0; i < px.length; i += channels) {
            int y = px[i] & 0xFF, cb = (px[i + 1] & 0xFF) - 128, cr = (px[i + 2] & 0xFF) - 128;
            px[i] = (byte) Math.clamp(Math.round(y + 1.402 * cr), 0, 255);
            px[i + 1] = (byte) Math.clamp(Math.round(y - 0.344136 * cb - 0.714136 * cr), 0, 255);
            px[i + 2] = (byte) Math.clamp(Math.round(y + 1.772 * cb), 0, 255);
        }
    }

    /** Copies interleaved 8-bit pixels into the planes of an image made by opj_image_create. */
    static void fill(Pointer image, PixelImage pixels) {
        int n = pixels.channels(), count = pixels.width() * pixels.height();
        byte[] src = pixels.pixels();
        Pointer comps = image.getPointer(IMAGE_COMPS);
        int[] plane = new int[count];
        for (int c = 0; c < n; c++) {
            for (int i = 0, s = c; i < count; i++, s += n) plane[i] = src[s] & 0xFF;
            Pointer comp = comps.share((long) c * COMP_SIZE);
            comp.getPointer(COMP_DATA).write(0, plane, 0, count);
            // the last of 2 or 4 channels is alpha: say so, so decoders composite it
            comp.setShort(COMP_ALPHA, (short) ((n == 2 || n == 4) && c == n - 1 ? 1 : 0));
        }
    }
}
