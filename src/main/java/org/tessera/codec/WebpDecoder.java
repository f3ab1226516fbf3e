package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;

/** Decodes WebP files with libwebp: RGBA when the file has alpha, RGB otherwise. */
public final class WebpDecoder {
    private final Webp webp;

    public WebpDecoder(Webp webp) {
        this.webp = webp;
    }

    public PixelImage decode(byte[] data, int offset, int length) throws IOException {
        return webp.decode(data, offset, length);
    }

    public PixelImage decode(byte[] data) throws IOException { return webp.decode(data); }
}
