package org.tessera.codec;

import static org.tessera.codec.WebpNative.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.util.Objects;
import org.tessera.image.PixelImage;

/**
 * WebP encoding and decoding with libwebp. Its simple API keeps no state between calls, so this
 * class is thread-safe without any handle pool.
 */
public final class Webp {
    private Webp() {
    }

    /**
     * Loads libwebp.so.7 and checks it answers.
     *
     * @throws IllegalStateException with the reason when the library cannot be used
     */
    public static Webp load() {
        try {
            if (!SIZE_T_IS_64_BIT) throw new IllegalStateException("WebP binding needs a 64-bit size_t");
            if (WebPGetEncoderVersion() <= 0) throw new IllegalStateException("libwebp reports no encoder version");
        } catch (LinkageError e) {
            throw new IllegalStateException("libwebp unavailable: " + e.getMessage(), e);
        }
        return new Webp();
    }

    /**
     * Encodes 3 (RGB) or 4 (RGBA) channel pixels; {@code quality} 0..100 is lossy, below 0 is
     * lossless (iipsrv's WEBP_QUALITY = -1). Other channel counts are widened by the caller.
     */
    public byte[] encode(PixelImage image, int quality) throws IOException {
        int w = image.width(), h = image.height(), channels = image.channels();
        if (channels != 3 && channels != 4) throw new IllegalArgumentException("WebP encodes 3 or 4 channels, got " + channels);
        if (w > MAX_DIMENSION || h > MAX_DIMENSION) {
            throw new IOException("image too large for WebP (max " + MAX_DIMENSION + " px a side): " + w + "x" + h);
        }
        byte[] pixels = image.pixels();
        try (Memory src = new Memory(pixels.length); Memory result = new Memory(Native.POINTER_SIZE)) {
            src.write(0, pixels, 0, pixels.length);
            result.setPointer(0, Pointer.NULL);
            int stride = w * channels;
            boolean lossless = quality < 0;
            float q = Math.min(quality, 100);
            long size;
            if (channels == 3) {
                size = lossless ? WebPEncodeLosslessRGB(src, w, h, stride, result) : WebPEncodeRGB(src, w, h, stride, q, result);
            } else {
                size = lossless ? WebPEncodeLosslessRGBA(src, w, h, stride, result) : WebPEncodeRGBA(src, w, h, stride, q, result);
            }
            Pointer out = result.getPointer(0);
            try {
                if (size <= 0 || out == null) throw new IOException("WebP encoding failed for " + w + "x" + h);
                return out.getByteArray(0, Math.toIntExact(size));
            } finally {
                if (out != null) WebPFree(out);
            }
        }
    }

    /** Decodes a WebP file: RGBA when it has alpha, RGB otherwise. */
    public PixelImage decode(byte[] webp, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, webp.length);
        if (length < 12) throw new IOException("Invalid WebP: " + length + " bytes");
        try (Memory data = new Memory(length); Memory features = new Memory(FEATURES_SIZE)) {
            data.write(0, webp, offset, length);
            features.clear();
            int status = WebPGetFeaturesInternal(data, length, features, DECODER_ABI_VERSION);
            if (status != 0) throw new IOException("Invalid WebP (status " + status + ")");
            int w = features.getInt(0), h = features.getInt(4);
            boolean alpha = features.getInt(8) != 0;
            ImageLimits.check(w, h);
            Pointer widthSlot = features.share(20), heightSlot = features.share(24);
            Pointer decoded = alpha ? WebPDecodeRGBA(data, length, widthSlot, heightSlot) : WebPDecodeRGB(data, length, widthSlot, heightSlot);
            if (decoded == null) throw new IOException("WebP decoding failed");
            try {
                int channels = alpha ? 4 : 3;
                return new PixelImage(w, h, channels, decoded.getByteArray(0, w * h * channels));
            } finally {
                WebPFree(decoded);
            }
        }
    }

    public PixelImage decode(byte[] webp) throws IOException { return decode(webp, 0, webp.length); }

    /** Width and height from the header, without decoding. */
    public int[] size(byte[] webp) throws IOException {
        if (webp.length < 12) throw new IOException("Invalid WebP: " + webp.length + " bytes");
        try (Memory data = new Memory(webp.length); Memory dims = new Memory(8)) {
            data.write(0, webp, 0, webp.length);
            if (WebPGetInfo(data, webp.length, dims, dims.share(4)) == 0) throw new IOException("Invalid WebP");
            return new int[] {dims.getInt(0), dims.getInt(4)};
        }
    }
}
