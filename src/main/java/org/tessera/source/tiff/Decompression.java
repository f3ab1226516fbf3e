package org.tessera.source.tiff;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.twelvemonkeys.io.enc.DecoderStream;
import com.twelvemonkeys.io.enc.PackBitsDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.tessera.error.UnsupportedImageException;

/** Turns the stored bytes of a non-JPEG tile into its raw samples (before the predictor is undone). */
final class Decompression {
    private Decompression() {
    }

    static boolean supported(int compression) {
        return switch (compression) {
            case TiffTags.COMPRESSION_NONE, TiffTags.COMPRESSION_LZW, TiffTags.COMPRESSION_DEFLATE,
                 TiffTags.COMPRESSION_DEFLATE_OLD, TiffTags.COMPRESSION_PACKBITS, TiffTags.COMPRESSION_ZSTD -> true;
            default -> false;
        };
    }

    /**
     * @param expected size of the decoded tile; shorter data is zero-filled (libtiff behaves the
     *                 same for short strips), longer data is cut off
     */
    static byte[] decompress(int compression, byte[] data, int expected) throws IOException {
        return switch (compression) {
            case TiffTags.COMPRESSION_NONE -> data.length == expected ? data : java.util.Arrays.copyOf(data, expected);
            case TiffTags.COMPRESSION_DEFLATE, TiffTags.COMPRESSION_DEFLATE_OLD -> inflate(data, expected);
            case TiffTags.COMPRESSION_LZW -> LzwDecoder.decode(data, expected);
            case TiffTags.COMPRESSION_PACKBITS -> unpackBits(data, expected);
            case TiffTags.COMPRESSION_ZSTD -> unzstd(data, expected);
            default -> throw new UnsupportedImageException("TIFF compression " + compression + " not supported yet");
        };
    }

    private static byte[] inflate(byte[] data, int expected) throws TiffFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected && !inflater.finished()) {
                int got = inflater.inflate(out, n, expected - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                n += got;
            }
            return out;
        } catch (DataFormatException e) {
            throw new TiffFormatException("corrupt deflate tile data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static byte[] unzstd(byte[] data, int expected) throws TiffFormatException {
        byte[] out = new byte[expected];
        try {
            // a frame that would decode to more than the tile holds is refused, not allocated
            long result = Zstd.decompressByteArray(out, 0, expected, data, 0, data.length);
            if (Zstd.isError(result)) throw new TiffFormatException("corrupt ZSTD tile data: " + Zstd.getErrorName(result));
            return out;
        } catch (ZstdException e) {
            throw new TiffFormatException("corrupt ZSTD tile data: " + e.getMessage());
        } catch (LinkageError e) {
            // zstd-jni unpacks its native library into java.io.tmpdir; a noexec tmpdir stops it
            throw new UnsupportedImageException("ZSTD-compressed TIFF: zstd-jni cannot load its native library");
        }
    }

    private static byte[] unpackBits(byte[] data, int expected) throws IOException {
        byte[] out = new byte[expected];
        try (InputStream in = new DecoderStream(new ByteArrayInputStream(data), new PackBitsDecoder())) {
            int n = 0;
            while (n < expected) {
                int got = in.read(out, n, expected - n);
                if (got < 0) break;
                n += got;
            }
        } catch (IOException | RuntimeException e) {
            throw new TiffFormatException("corrupt PackBits tile data: " + e.getMessage());
        }
        return out;
    }
}
