package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;

/** {@link JpegDecoder} over libjpeg-turbo. */
public final class TurboJpegDecoder implements JpegDecoder {
    private final TurboJpeg turbo;

    public TurboJpegDecoder(TurboJpeg turbo) {
        this.turbo = turbo;
    }

    @Override
    public PixelImage decode(byte[] jpeg, int offset, int length) throws IOException {
        return turbo.decompress(jpeg, offset, length);
    }

    @Override
    public PixelImage decodeScaled(byte[] jpeg, int denominator) throws IOException {
        return turbo.decompressScaled(jpeg, denominator);
    }

    /**
     * 1/8, 2/8 and 4/8 only. libjpeg-turbo has SIMD inverse DCTs for these (and 8/8); the other
     * factors run plain C DCTs and upsampling. Measured on 256x256 tiles of smooth and noisy
     * content, RGB and 4:2:0, 5/8 to 7/8 cost up to 1.3, 1.5 and 2 times a full decode and were
     * never clearly cheaper; 3/8 was cheaper on some tiles and dearer on others.
     */
    @Override
    public boolean reducesCheaply(int eighths) {
        return eighths == 1 || eighths == 2 || eighths == 4;
    }

    @Override
    public PixelImage decodeReduced(byte[] jpeg, int eighths) throws IOException {
        return turbo.decompressEighths(jpeg, 0, jpeg.length, eighths);
    }
}
