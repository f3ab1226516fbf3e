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
    public boolean decodesScaled() { return true; }

    @Override
    public PixelImage decodeScaled(byte[] jpeg, int offset, int length, int eighths) throws IOException {
        return turbo.decompress(jpeg, offset, length, eighths);
    }
}
