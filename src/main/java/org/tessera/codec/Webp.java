package org.tessera.codec;

import static org.tessera.codec.WebpNative.*;

import com.sun.jna.Memory;
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
     * Loads libwebp.so.7 and checks that the WebPPicture layout this binding assumes is the
     * library's (only the writer hook is non-zero after initialisation).
     *
     * @throws IllegalStateException with the reason when the library cannot be used
     */
    public static Webp load() {
        try {
            if (!SIZE_T_IS_64_BIT) throw new IllegalStateException("WebP binding needs a 64-bit size_t");
            if (WebPGetEncoderVersion() < 0x010000) throw new IllegalStateException("libwebp older than 1.0");
            try (Memory picture = new Memory(PICTURE_SIZE)) {
                picture.clear();
                if (WebPPictureInitInternal(picture, ENCODER_ABI_VERSION) == 0) {
                    throw new IllegalStateException("libwebp encoder ABI is not 2.x");
                }
                for (int offset = 0; offset < PICTURE_SIZE; offset += 8) {
                    boolean set = picture.getLong(offset) != 0;
                    if (set != (offset == PICTURE_WRITER)) throw new IllegalStateException("unexpected WebPPicture layout");
                }
            }
        } catch (LinkageError e) {
            throw new IllegalStateException("libwebp unavailable: " + LoadFailures.reason(e), e);
        }
        return new Webp();
    }

    /**
     * Encodes 3 (RGB) or 4 (RGBA) channel pixels; {@code quality} 0..100 is lossy, below 0 is
     * lossless (iipsrv's WEBP_QUALITY = -1). Like iipsrv, uses method 0, the fastest: the simple
     * API's method 4 is several times slower (lossless far more). Other channel counts are
     * widened by the caller.
     */
    public byte[] encode(PixelImage image, int quality) throws IOException {
        int w = image.width(), h = image.height(), channels = image.channels();
        if (channels != 3 && channels != 4) throw new IllegalArgumentException("WebP encodes 3 or 4 channels, got " + channels);
        if (w > MAX_DIMENSION || h > MAX_DIMENSION) {
            throw new IOException("image too large for WebP (max " + MAX_DIMENSION + " px a side): " + w + "x" + h);
        }
        boolean lossless = quality < 0;
        byte[] pixels = image.pixels();
        try (Memory src = new Memory(pixels.length);
             Memory config = new Memory(CONFIG_SIZE);
             Memory picture = new Memory(PICTURE_SIZE);
             Memory writer = new Memory(MEMORY_WRITER_SIZE)) {
            src.write(0, pixels, 0, pixels.length);
            config.clear();
            picture.clear();
            if (WebPConfigInitInternal(config, 0, lossless ? 75f : Math.min(quality, 100), ENCODER_ABI_VERSION) == 0
                    || WebPPictureInitInternal(picture, ENCODER_ABI_VERSION) == 0) {
                throw new IOException("libwebp refused its configuration");
            }
            config.setInt(CONFIG_LOSSLESS, lossless ? 1 : 0);
            config.setInt(CONFIG_METHOD, 0);
            config.setInt(CONFIG_THREAD_LEVEL, 1);
            // Lossless encodes ARGB, lossy YUV 4:2:0: importing straight into the right one avoids a conversion.
            picture.setInt(PICTURE_USE_ARGB, lossless ? 1 : 0);
            picture.setInt(PICTURE_WIDTH, w);
            picture.setInt(PICTURE_HEIGHT, h);
            WebPMemoryWriterInit(writer);
            try {
                int imported = channels == 3 ? WebPPictureImportRGB(picture, src, w * 3) : WebPPictureImportRGBA(picture, src, w * 4);
                if (imported == 0) throw new IOException("WebP encoding failed: out of memory");
                picture.setPointer(PICTURE_WRITER, MEMORY_WRITE);
                picture.setPointer(PICTURE_CUSTOM_PTR, writer);
                if (WebPEncode(config, picture) == 0) {
                    throw new IOException("WebP encoding failed (libwebp error " + picture.getInt(PICTURE_ERROR_CODE) + ")");
                }
                long size = writer.getLong(MEMORY_WRITER_SIZE_FIELD);
                return writer.getPointer(MEMORY_WRITER_MEM).getByteArray(0, Math.toIntExact(size));
            } finally {
                WebPPictureFree(picture);
                WebPMemoryWriterClear(writer);
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
