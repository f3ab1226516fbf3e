package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

/** JPEG {@link ImageEncoder} over libjpeg-turbo: fast DCT, 4:2:0 colour, alpha dropped. */
public final class TurboJpegEncoder implements ImageEncoder {
    private final TurboJpeg turbo;

    public TurboJpegEncoder(TurboJpeg turbo) {
        this.turbo = turbo;
    }

    @Override
    public OutputFormat format() { return OutputFormat.JPEG; }

    @Override
    public byte[] encode(PixelImage image, int quality) throws IOException {
        return turbo.compress(image, quality);
    }
}
