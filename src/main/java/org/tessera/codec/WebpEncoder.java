package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

/**
 * WebP {@link ImageEncoder}: quality 0..100 lossy, below 0 lossless (iipsrv's WEBP_QUALITY).
 * libwebp takes only RGB(A), so grey becomes RGB and grey+alpha RGBA, as in iipsrv.
 */
public final class WebpEncoder implements ImageEncoder {
    private final Webp webp;

    public WebpEncoder(Webp webp) {
        this.webp = webp;
    }

    @Override
    public OutputFormat format() { return OutputFormat.WEBP; }

    @Override
    public byte[] encode(PixelImage image, int quality) throws IOException {
        return webp.encode(image.channels() <= 2 ? widenGrey(image) : image, quality);
    }

    private static PixelImage widenGrey(PixelImage image) {
        boolean alpha = image.channels() == 2;
        int outChannels = alpha ? 4 : 3;
        byte[] src = image.pixels();
        byte[] out = new byte[image.width() * image.height() * outChannels];
        for (int i = 0, o = 0; i < src.length; ) {
            byte grey = src[i++];
            out[o++] = grey;
            out[o++] = grey;
            out[o++] = grey;
            if (alpha) out[o++] = src[i++];
        }
        return new PixelImage(image.width(), image.height(), outChannels, out);
    }
}
