package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

/**
 * JPEG 2000 (JP2 file) {@link ImageEncoder} through OpenJPEG: quality 1..99 lossy with the 9/7
 * wavelet, 100 lossless with the 5/3 one; alpha is kept as a JP2 opacity channel.
 */
public final class Jp2Encoder implements ImageEncoder {
    private final OpenJpeg openJpeg;

    public Jp2Encoder(OpenJpeg openJpeg) {
        this.openJpeg = openJpeg;
    }

    @Override
    public OutputFormat format() { return OutputFormat.JP2; }

    @Override
    public byte[] encode(PixelImage image, int quality) throws IOException {
        return openJpeg.encode(image, quality);
    }
}
