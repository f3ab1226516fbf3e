package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

/**
 * AVIF {@link ImageEncoder}: quality 0..100 lossy, below 0 lossless (iipsrv's AVIF_QUALITY).
 * Grey+alpha becomes RGBA. Tiles encode on one thread (requests already run in parallel); larger
 * images (CVT exports) let the AV1 encoder use up to four.
 */
public final class AvifEncoder implements ImageEncoder {
    private static final long SINGLE_THREAD_PIXELS = 512L * 512;
    private final Avif avif;

    public AvifEncoder(Avif avif) {
        this.avif = avif;
    }

    @Override
    public OutputFormat format() { return OutputFormat.AVIF; }

    @Override
    public byte[] encode(PixelImage image, int quality) throws IOException {
        PixelImage input = image.channels() == 2 ? greyAlphaToRgba(image) : image;
        long pixels = (long) image.width() * image.height();
        int threads = pixels <= SINGLE_THREAD_PIXELS ? 1 : Math.min(4, Runtime.getRuntime().availableProcessors());
        return avif.encode(input, quality, threads);
    }

    private static PixelImage greyAlphaToRgba(PixelImage image) {
        byte[] src = image.pixels();
        byte[] out = new byte[src.length * 2];
        for (int i = 0, o = 0; i < src.length; i += 2) {
            out[o++] = src[i];
            out[o++] = src[i];
            out[o++] = src[i];
            out[o++] = src[i + 1];
        }
        return new PixelImage(image.width(), image.height(), 4, out);
    }
}
