package org.tessera.source.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Optional;
import org.tessera.codec.JpegDecoder;
import org.tessera.codec.WebpDecoder;
import org.tessera.source.ImageFormat;
import org.tessera.source.ImageSource;

/** Tiled TIFF and BigTIFF, either byte order: our structure reader, codecs' decoders. */
public final class TiffFormat implements ImageFormat<TiffImage> {
    private final JpegDecoder jpegDecoder;
    private final Optional<WebpDecoder> webpDecoder;
    private final String copyright;

    /**
     * @param webpDecoder for WebP-compressed tiles; without it they are refused as unsupported
     * @param copyright   COPYRIGHT: the "rights" of images that carry none ("" for none)
     */
    public TiffFormat(JpegDecoder jpegDecoder, Optional<WebpDecoder> webpDecoder, String copyright) {
        this.jpegDecoder = jpegDecoder;
        this.webpDecoder = webpDecoder;
        this.copyright = copyright == null ? "" : copyright;
    }

    @Override
    public String name() { return "TIFF"; }

    @Override
    public boolean recognises(ByteBuffer head) {
        if (head.remaining() < 4) return false;
        byte b0 = head.get(0), b1 = head.get(1), b2 = head.get(2), b3 = head.get(3);
        boolean little = b0 == 'I' && b1 == 'I' && (b2 == 42 || b2 == 43) && b3 == 0;
        boolean big = b0 == 'M' && b1 == 'M' && b2 == 0 && (b3 == 42 || b3 == 43);
        return little || big;
    }

    @Override
    public TiffImage describe(FileChannel channel, Instant lastModified) throws IOException {
        TiffImage image = TiffPyramid.build(TiffParser.parse(channel), lastModified);
        if (copyright.isEmpty()) return image;
        return new TiffImage(image.order(), image.levels(), image.info().withMetadataDefault("rights", copyright));
    }

    @Override
    public ImageSource open(FileChannel channel, TiffImage description) {
        return new TiffImageSource(channel, description, jpegDecoder, webpDecoder);
    }
}
