package org.tessera.codec;

import static org.tessera.codec.TurboJpegNative.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tessera.image.PixelImage;

/**
 * JPEG compression, decompression and lossless cropping with libjpeg-turbo (TurboJPEG 2.x API).
 * Thread-safe: each call borrows a native handle, with its own reusable native buffers, from a
 * pool, so steady-state work allocates nothing native and copies pixels once each way.
 */
public final class TurboJpeg implements AutoCloseable {
    private final HandlePool<Compressor> compressors;
    private final HandlePool<Decompressor> decompressors;
    private final HandlePool<Transformer> transformers;

    private TurboJpeg(int maxIdle) {
        compressors = new HandlePool<>(Compressor::new, maxIdle);
        decompressors = new HandlePool<>(Decompressor::new, maxIdle);
        transformers = new HandlePool<>(Transformer::new, maxIdle);
    }

    /**
     * Loads libturbojpeg.so.0 and checks it works.
     *
     * @throws IllegalStateException with the reason when the library cannot be used
     */
    public static TurboJpeg load() {
        try {
            if (!LONG_IS_64_BIT) throw new IllegalStateException("TurboJPEG binding needs 64-bit C longs");
            Pointer probe = tjInitDecompress();
            if (probe == null) throw new IllegalStateException("tjInitDecompress failed");
            tjDestroy(probe);
        } catch (LinkageError e) {
            throw new IllegalStateException("libturbojpeg unavailable: " + LoadFailures.reason(e), e);
        }
        return new TurboJpeg(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Encodes baseline JPEG with the fast DCT: 4:2:0 for colour, greyscale for grey. Alpha is
     * dropped (2 channels encode as grey, 4 as RGB). Quality is clamped to 1..100.
     */
    public byte[] compress(PixelImage image, int quality) throws IOException {
        Compressor c = compressors.acquire();
        try {
            return c.compress(image, Math.clamp(quality, 1, 100));
        } finally {
            compressors.release(c);
        }
    }

    /** Decodes a complete JPEG: 1 channel for greyscale JPEGs, RGB otherwise. */
    public PixelImage decompress(byte[] jpeg, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, jpeg.length);
        Decompressor d = decompressors.acquire();
        try {
            return d.decompress(jpeg, offset, length, 8);
        } finally {
            decompressors.release(d);
        }
    }

    public PixelImage decompress(byte[] jpeg) throws IOException { return decompress(jpeg, 0, jpeg.length); }

    /**
     * Decodes a complete JPEG at 1/{@code denominator} of its size (1, 2, 4 or 8) with
     * libjpeg-turbo's DCT-domain scaling, so a reduced picture never costs a full decode. The
     * size is ceil(width / denominator) x ceil(height / denominator).
     */
    public PixelImage decompressScaled(byte[] jpeg, int denominator) throws IOException {
        if (denominator != 1 && denominator != 2 && denominator != 4 && denominator != 8) {
            throw new IllegalArgumentException("scale 1/" + denominator);
        }
        return decompressEighths(jpeg, 0, jpeg.length, 8 / denominator);
    }

    /**
     * Decodes a complete JPEG at {@code eighths}/8 of its size (1..8), ceil(width x eighths / 8) x
     * ceil(height x eighths / 8). libjpeg-turbo runs a smaller inverse DCT per block (8/8 is the
     * plain decode), so colour conversion, upsampling and the output shrink with the factor; only
     * the entropy decoding costs what a full decode does.
     */
    public PixelImage decompressEighths(byte[] jpeg, int offset, int length, int eighths) throws IOException {
        if (eighths < 1 || eighths > 8) throw new IllegalArgumentException("scale " + eighths + "/8");
        Objects.checkFromIndexSize(offset, length, jpeg.length);
        Decompressor d = decompressors.acquire();
        try {
            return d.decompress(jpeg, offset, length, eighths);
        } finally {
            decompressors.release(d);
        }
    }

    /**
     * Losslessly crops a JPEG to its top-left {@code width x height} without decoding it: trims an
     * edge tile that was stored padded to the full tile size. (0,0) is always MCU-aligned, and the
     * crop size need not be a multiple of the MCU. Returns the input unchanged when already that size.
     */
    public byte[] losslessCrop(byte[] jpeg, int width, int height) throws IOException {
        Transformer t = transformers.acquire();
        try {
            return t.crop(jpeg, width, height);
        } finally {
            transformers.release(t);
        }
    }

    /** Destroys idle handles; handles in use are destroyed when returned. Later calls fail. */
    @Override
    public void close() {
        compressors.close();
        decompressors.close();
        transformers.close();
    }

    static String error(Pointer handle, String what) {
        String message = tjGetErrorStr2(handle);
        return what + ": " + (message == null ? "unknown TurboJPEG error" : message.strip());
    }

    private static Pointer init(Pointer handle, String what) {
        if (handle == null) throw new IllegalStateException(what + " failed (out of memory?)");
        return handle;
    }

    /** Reads and checks the header of the JPEG already copied into {@code in}. */
    private static JpegHeader readHeader(Pointer handle, Memory in, long length, Memory scratch) throws IOException {
        if (tjDecompressHeader3(handle, in, length, scratch, scratch.share(4), scratch.share(8), scratch.share(12)) != 0) {
            throw new IOException(error(handle, "Invalid JPEG"));
        }
        JpegHeader header = new JpegHeader(scratch.getInt(0), scratch.getInt(4), scratch.getInt(8), scratch.getInt(12));
        ImageLimits.check(header.width(), header.height());
        return header;
    }

    /** ceil(size x eighths / 8), libjpeg-turbo's TJSCALED. */
    static int scaled(int size, int eighths) { return (int) (((long) size * eighths + 7) / 8); }

    private record JpegHeader(int width, int height, int subsampling, int colourSpace) {
        boolean grey() { return subsampling == TJSAMP_GRAY || colourSpace == TJCS_GRAY; }
    }

    private static final class Compressor implements HandlePool.Resource {
        private final Pointer handle = init(tjInitCompress(), "tjInitCompress");
        private final NativeBuffer source = new NativeBuffer();
        private final NativeBuffer output = new NativeBuffer();
        /** [0] unsigned char *jpegBuf, [8] unsigned long jpegSize. */
        private final Memory scratch = new Memory(16);
        private final Pointer sizeSlot = scratch.share(8);

        byte[] compress(PixelImage image, int quality) throws IOException {
            int w = image.width(), h = image.height(), channels = image.channels();
            int pixelFormat, pitch, subsampling;
            byte[] pixels = image.pixels();
            switch (channels) {
                case 1, 2 -> {
                    if (channels == 2) pixels = greyWithoutAlpha(image);
                    pixelFormat = TJPF_GRAY;
                    pitch = w;
                    subsampling = TJSAMP_GRAY;
                }
                case 3 -> {
                    pixelFormat = TJPF_RGB;
                    pitch = w * 3;
                    subsampling = TJSAMP_420;
                }
                default -> {
                    // RGBX: TurboJPEG skips the 4th byte, so alpha is dropped without a copy.
                    pixelFormat = TJPF_RGBX;
                    pitch = w * 4;
                    subsampling = TJSAMP_420;
                }
            }
            if ((long) pitch * h > NativeBuffer.RETAIN_LIMIT) {
                Optional<byte[]> joined = compressInStrips(pixels, w, pitch, h, pixelFormat, subsampling, quality);
                if (joined.isPresent()) return joined.get();
            }
            Memory src = source.ensure(pixels.length);
            src.write(0, pixels, 0, pixels.length);
            return encode(src, w, pitch, h, pixelFormat, subsampling, quality);
        }

        /**
         * A picture larger than the buffers a handle keeps: encoded a strip of MCU rows at a time
         * (each strip's pixels copied out of the heap alone) and joined with restart markers
         * ({@link JpegStrips}), so no copy of the whole picture exists outside the heap. Empty
         * when the strips cannot be joined; the caller then encodes the picture whole.
         */
        private Optional<byte[]> compressInStrips(byte[] pixels, int w, int pitch, int h, int pixelFormat,
                                                  int subsampling, int quality) throws IOException {
            int mcu = subsampling == TJSAMP_GRAY ? 8 : 16;
            int mcusAcross = (w + mcu - 1) / mcu;
            int rows = (int) Math.max(mcu, NativeBuffer.RETAIN_LIMIT / pitch / mcu * mcu);
            rows = Math.min(rows, Math.max(mcu, 0xFFFF / mcusAcross * mcu)); // DRI holds 16 bits
            if (rows >= h || (long) mcusAcross * (rows / mcu) > 0xFFFF) return Optional.empty();
            List<byte[]> strips = new ArrayList<>((h + rows - 1) / rows);
            for (int y = 0; y < h; y += rows) {
                int n = Math.min(rows, h - y);
                Memory src = source.ensure((long) pitch * n);
                src.write(0, pixels, y * pitch, pitch * n);
                strips.add(encode(src, w, pitch, n, pixelFormat, subsampling, quality));
            }
            return JpegStrips.join(strips, h, mcusAcross * (rows / mcu));
        }

        private byte[] encode(Memory src, int w, int pitch, int h, int pixelFormat, int subsampling, int quality)
                throws IOException {
            long bound = tjBufSize(w, h, subsampling);
            if (bound <= 0 || bound > Integer.MAX_VALUE - 16) throw new IOException("image too large for JPEG: " + w + "x" + h);
            if (bound > NativeBuffer.RETAIN_LIMIT) return compressGrowing(src, w, pitch, h, pixelFormat, subsampling, quality);
            Memory out = output.ensure(bound);
            scratch.setPointer(0, out);
            scratch.setLong(8, bound);
            int rc = tjCompress2(handle, src, w, pitch, h, pixelFormat, scratch, sizeSlot, subsampling, quality,
                    TJFLAG_NOREALLOC | TJFLAG_FASTDCT);
            if (rc != 0) throw new IOException(error(handle, "JPEG encoding failed"));
            long size = scratch.getLong(8);
            return out.getByteArray(0, (int) size);
        }

        /**
         * A large picture: TurboJPEG allocates the output and doubles it as it fills, so it holds
         * at most twice the JPEG's size instead of the worst case (about the raw pixels again).
         */
        private byte[] compressGrowing(Memory src, int w, int pitch, int h, int pixelFormat, int subsampling,
                                       int quality) throws IOException {
            scratch.setPointer(0, Pointer.NULL);
            scratch.setLong(8, 0);
            int rc = tjCompress2(handle, src, w, pitch, h, pixelFormat, scratch, sizeSlot, subsampling, quality,
                    TJFLAG_FASTDCT);
            Pointer out = scratch.getPointer(0);
            try {
                if (rc != 0) throw new IOException(error(handle, "JPEG encoding failed"));
                return out.getByteArray(0, (int) scratch.getLong(8));
            } finally {
                if (out != null) tjFree(out);
            }
        }

        private static byte[] greyWithoutAlpha(PixelImage image) {
            byte[] src = image.pixels();
            byte[] grey = new byte[src.length / 2];
            for (int i = 0; i < grey.length; i++) grey[i] = src[2 * i];
            return grey;
        }

        @Override
        public void trim() {
            source.trim();
            output.trim();
        }

        @Override
        public void destroy() {
            tjDestroy(handle);
            source.close();
            output.close();
            scratch.close();
        }
    }

    private static final class Decompressor implements HandlePool.Resource {
        private final Pointer handle = init(tjInitDecompress(), "tjInitDecompress");
        private final NativeBuffer input = new NativeBuffer();
        private final NativeBuffer output = new NativeBuffer();
        /** width, height, subsampling, colour space (4 ints). */
        private final Memory scratch = new Memory(16);

        PixelImage decompress(byte[] jpeg, int offset, int length, int eighths) throws IOException {
            if (length < 4) throw new IOException("Invalid JPEG: " + length + " bytes");
            Memory in = input.ensure(length);
            in.write(0, jpeg, offset, length);
            JpegHeader header = readHeader(handle, in, length, scratch);
            int channels = header.grey() ? 1 : 3;
            // TJSCALED: the width and height libjpeg-turbo produces at eighths/8; asking for exactly
            // that size selects the factor (a larger factor with the same rounded size gives the
            // same size, so which of the two it picks never changes the result's dimensions)
            int w = scaled(header.width(), eighths), h = scaled(header.height(), eighths);
            long bytes = (long) w * h * channels;
            Memory out = output.ensure(bytes);
            // Any non-zero return is refused, warnings included: a truncated or damaged JPEG only
            // raises a warning, and serving its half-grey picture would hide the damage.
            if (tjDecompress2(handle, in, length, out, w, 0, h, header.grey() ? TJPF_GRAY : TJPF_RGB, 0) != 0) {
                throw new IOException(error(handle, "JPEG decoding failed"));
            }
            return new PixelImage(w, h, channels, out.getByteArray(0, (int) bytes));
        }

        @Override
        public void trim() {
            input.trim();
            output.trim();
        }

        @Override
        public void destroy() {
            tjDestroy(handle);
            input.close();
            output.close();
            scratch.close();
        }
    }

    private static final class Transformer implements HandlePool.Resource {
        private final Pointer handle = init(tjInitTransform(), "tjInitTransform");
        private final NativeBuffer input = new NativeBuffer();
        /** Header ints (16 bytes), then [16] unsigned char *dstBuf, [24] unsigned long dstSize. */
        private final Memory scratch = new Memory(32);
        private final Pointer dstBufSlot = scratch.share(16);
        private final Pointer dstSizeSlot = scratch.share(24);
        private final Memory transform = new Memory(TJTRANSFORM_SIZE);

        byte[] crop(byte[] jpeg, int width, int height) throws IOException {
            if (jpeg.length < 4) throw new IOException("Invalid JPEG: " + jpeg.length + " bytes");
            Memory in = input.ensure(jpeg.length);
            in.write(0, jpeg, 0, jpeg.length);
            JpegHeader header = readHeader(handle, in, jpeg.length, scratch);
            if (width < 1 || height < 1 || width > header.width() || height > header.height()) {
                throw new IOException("crop " + width + "x" + height + " outside JPEG of " + header.width() + "x" + header.height());
            }
            if (width == header.width() && height == header.height()) return jpeg;
            transform.clear();
            transform.setInt(0, 0);
            transform.setInt(4, 0);
            transform.setInt(8, width);
            transform.setInt(12, height);
            transform.setInt(16, TJXOP_NONE);
            transform.setInt(20, TJXOPT_CROP);
            scratch.setPointer(16, Pointer.NULL);
            scratch.setLong(24, 0);
            // TurboJPEG allocates the output (no NOREALLOC): its size is only known after the crop.
            int rc = tjTransform(handle, in, jpeg.length, 1, dstBufSlot, dstSizeSlot, transform, 0);
            Pointer out = scratch.getPointer(16);
            try {
                if (rc != 0) throw new IOException(error(handle, "JPEG crop failed"));
                return out.getByteArray(0, (int) scratch.getLong(24));
            } finally {
                if (out != null) tjFree(out);
            }
        }

        @Override
        public void trim() {
            input.trim();
        }

        @Override
        public void destroy() {
            tjDestroy(handle);
            input.close();
            scratch.close();
            transform.close();
        }
    }
}
