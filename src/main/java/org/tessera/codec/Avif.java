package org.tessera.codec;

import static org.tessera.codec.AvifNative.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import org.tessera.image.PixelImage;

/**
 * AVIF encoding with libavif 0.11. Each call creates and destroys its own encoder (libavif sets
 * up the AV1 codec inside every write anyway), so this class is thread-safe without a pool.
 */
public final class Avif {
    /** iipsrv's AVIF_CODEC: 0 auto, 1 aom, 2 rav1e, 3 svt; as libavif's avifCodecChoice. */
    private static final int[] CODEC_CHOICES = {0, 1, 4, 5};
    private static final String[] CODEC_NAMES = {"auto", "aom", "rav1e", "svt"};
    /** libavif's speed scale 0 (slowest) .. 10 (fastest): 8 keeps a 256 px tile well under 100 ms with aom. */
    static final int SPEED = 8;
    /** Largest side AV1 can code (65536 in the spec); the limit keeps a CVT request from asking more. */
    static final int MAX_DIMENSION = 65536;

    private final int codecChoice;
    private final String codecName;

    private Avif(int codecChoice, String codecName) {
        this.codecChoice = codecChoice;
        this.codecName = codecName;
    }

    /**
     * Loads libavif.so.15, checks the structure layouts this binding assumes, and picks the
     * encoder named by iipsrv's AVIF_CODEC code.
     *
     * @throws IllegalStateException with the reason when AVIF cannot be produced
     */
    public static Avif load(int avifCodec) {
        try {
            if (!SIZE_T_IS_64_BIT) throw new IllegalStateException("AVIF binding needs a 64-bit size_t");
            String version = avifVersion();
            if (version == null || !version.startsWith("0.11.")) {
                throw new IllegalStateException("libavif " + version + " found, the binding is for 0.11");
            }
            checkLayouts();
            int code = avifCodec >= 0 && avifCodec < CODEC_CHOICES.length ? avifCodec : 0;
            String name = avifCodecName(CODEC_CHOICES[code], CODEC_FLAG_CAN_ENCODE);
            if (name == null) {
                throw new IllegalStateException("AVIF_CODEC=" + code + " (" + CODEC_NAMES[code] + ") is not an encoder this libavif has");
            }
            return new Avif(CODEC_CHOICES[code], name);
        } catch (LinkageError e) {
            throw new IllegalStateException("libavif unavailable: " + LoadFailures.reason(e), e);
        }
    }

    /** The AV1 encoder in use (aom, rav1e, svt). */
    public String codecName() { return codecName; }

    private static void checkLayouts() {
        Pointer image = avifImageCreate(3, 5, 8, PIXEL_FORMAT_YUV420);
        if (image == null) throw new IllegalStateException("libavif cannot create an image");
        try (Memory rgb = new Memory(RGB_IMAGE_SIZE)) {
            if (image.getInt(IMAGE_WIDTH) != 3 || image.getInt(IMAGE_HEIGHT) != 5 || image.getInt(IMAGE_DEPTH) != 8
                    || image.getInt(IMAGE_YUV_FORMAT) != PIXEL_FORMAT_YUV420 || image.getShort(IMAGE_COLOR_PRIMARIES) != UNSPECIFIED
                    || image.getShort(IMAGE_TRANSFER_CHARACTERISTICS) != UNSPECIFIED
                    || image.getShort(IMAGE_MATRIX_COEFFICIENTS) != UNSPECIFIED) {
                throw new IllegalStateException("unexpected avifImage layout");
            }
            for (int i = 0; i < RGB_IMAGE_SIZE; i += 4) rgb.setInt(i, -1);
            avifRGBImageSetDefaults(rgb, image);
            if (rgb.getInt(RGB_WIDTH) != 3 || rgb.getInt(RGB_HEIGHT) != 5 || rgb.getInt(RGB_DEPTH) != 8
                    || rgb.getInt(RGB_FORMAT) != RGB_FORMAT_RGBA || rgb.getLong(RGB_PIXELS) != 0 || rgb.getInt(RGB_ROW_BYTES) != 0) {
                throw new IllegalStateException("unexpected avifRGBImage layout");
            }
        } finally {
            avifImageDestroy(image);
        }
        Pointer encoder = avifEncoderCreate();
        if (encoder == null) throw new IllegalStateException("libavif cannot create an encoder");
        try {
            // defaults of 0.11: auto codec, one thread, default speed (-1), timescale 1
            if (encoder.getInt(ENCODER_CODEC_CHOICE) != 0 || encoder.getInt(ENCODER_MAX_THREADS) != 1
                    || encoder.getInt(ENCODER_SPEED) != -1 || encoder.getLong(16) != 1) {
                throw new IllegalStateException("unexpected avifEncoder layout");
            }
        } finally {
            avifEncoderDestroy(encoder);
        }
    }

    /**
     * Encodes 1 (grey), 3 (RGB) or 4 (RGBA) channels; grey+alpha is widened by the caller.
     * {@code quality} 0..100 maps onto AV1's quantizer (100 best); below 0 is lossless (4:4:4,
     * identity matrix, full range). Lossy colour is 4:2:0, grey is monochrome (4:0:0).
     */
    public byte[] encode(PixelImage image, int quality, int threads) throws IOException {
        int w = image.width(), h = image.height(), channels = image.channels();
        if (channels != 1 && channels != 3 && channels != 4) throw new IllegalArgumentException("AVIF encodes 1, 3 or 4 channels, got " + channels);
        if (w > MAX_DIMENSION || h > MAX_DIMENSION) throw new IOException("image too large for AVIF: " + w + "x" + h);
        boolean lossless = quality < 0;
        int quantizer = lossless ? 0 : ((100 - Math.min(quality, 100)) * 63 + 50) / 100;
        int format = channels == 1 ? PIXEL_FORMAT_YUV400 : lossless ? PIXEL_FORMAT_YUV444 : PIXEL_FORMAT_YUV420;
        PixelImage rgbPixels = channels == 1 ? widenGrey(image) : image;
        byte[] pixels = rgbPixels.pixels();
        Pointer avif = avifImageCreate(w, h, 8, format);
        if (avif == null) throw new IOException("libavif cannot create a " + w + "x" + h + " image");
        Pointer encoder = null;
        try (Memory src = new Memory(pixels.length); Memory rgb = new Memory(RGB_IMAGE_SIZE); Memory output = new Memory(RW_DATA_SIZE)) {
            // Our pixels are sRGB: say so, and name the matrix the RGB-to-YUV conversion uses.
            avif.setShort(IMAGE_COLOR_PRIMARIES, COLOR_PRIMARIES_BT709);
            avif.setShort(IMAGE_TRANSFER_CHARACTERISTICS, TRANSFER_CHARACTERISTICS_SRGB);
            avif.setShort(IMAGE_MATRIX_COEFFICIENTS, lossless ? MATRIX_COEFFICIENTS_IDENTITY : MATRIX_COEFFICIENTS_BT601);
            if (lossless) avif.setInt(IMAGE_YUV_RANGE, RANGE_FULL);
            src.write(0, pixels, 0, pixels.length);
            rgb.clear();
            avifRGBImageSetDefaults(rgb, avif);
            rgb.setInt(RGB_FORMAT, rgbPixels.channels() == 4 ? RGB_FORMAT_RGBA : RGB_FORMAT_RGB);
            rgb.setPointer(RGB_PIXELS, src);
            rgb.setInt(RGB_ROW_BYTES, w * rgbPixels.channels());
            check(avifImageRGBToYUV(avif, rgb), "colour conversion");
            encoder = avifEncoderCreate();
            if (encoder == null) throw new IOException("libavif cannot create an encoder");
            encoder.setInt(ENCODER_CODEC_CHOICE, codecChoice);
            encoder.setInt(ENCODER_MAX_THREADS, Math.max(1, threads));
            encoder.setInt(ENCODER_SPEED, SPEED);
            encoder.setInt(ENCODER_MIN_QUANTIZER, quantizer);
            encoder.setInt(ENCODER_MAX_QUANTIZER, quantizer);
            encoder.setInt(ENCODER_MIN_QUANTIZER_ALPHA, lossless ? 0 : Math.max(0, quantizer - 8));
            encoder.setInt(ENCODER_MAX_QUANTIZER_ALPHA, lossless ? 0 : Math.max(0, quantizer - 8));
            output.clear();
            try {
                check(avifEncoderWrite(encoder, avif, output), "encoding");
                long size = output.getLong(8);
                return output.getPointer(0).getByteArray(0, Math.toIntExact(size));
            } finally {
                avifRWDataFree(output); // frees whatever a failed write left behind too (a no-op when empty)
            }
        } finally {
            if (encoder != null) avifEncoderDestroy(encoder);
            avifImageDestroy(avif);
        }
    }

    private static void check(int result, String step) throws IOException {
        if (result != RESULT_OK) throw new IOException("AVIF " + step + " failed: " + avifResultToString(result));
    }

    private static PixelImage widenGrey(PixelImage image) {
        byte[] src = image.pixels();
        byte[] out = new byte[src.length * 3];
        for (int i = 0, o = 0; i < src.length; i++) {
            out[o++] = src[i];
            out[o++] = src[i];
            out[o++] = src[i];
        }
        return new PixelImage(image.width(), image.height(), 3, out);
    }
}
