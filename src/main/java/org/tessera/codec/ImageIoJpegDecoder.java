package org.tessera.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.tessera.image.PixelImage;

/** JDK ImageIO JPEG decoder: the fallback when libjpeg-turbo is not installed (several times slower). */
public final class ImageIoJpegDecoder implements JpegDecoder {
    private final ImageReaderSpi provider = ImageIoCodecs.jdkReader("jpeg");

    @Override
    public PixelImage decode(byte[] jpeg, int offset, int length) throws IOException {
        // A memory-cached stream: ImageIO's default may spill to a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg, offset, length))) {
            ImageReader reader = ImageIoCodecs.newReader(provider);
            try {
                reader.setInput(in, true, true);
                ImageLimits.check(reader.getWidth(0), reader.getHeight(0));
                PixelImage image = BufferedImages.toPixels(reader.read(0));
                return image.channels() == 1 || image.channels() == 3 ? image : dropAlpha(image);
            } catch (RuntimeException e) {
                // The JDK decoder reports some corrupt streams with unchecked exceptions.
                throw new IOException("Invalid JPEG: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static PixelImage dropAlpha(PixelImage image) {
        int keep = image.channels() - 1;
        byte[] src = image.pixels();
        byte[] out = new byte[image.width() * image.height() * keep];
        for (int i = 0, o = 0; i < src.length; i += image.channels()) {
            for (int c = 0; c < keep; c++) out[o++] = src[i + c];
        }
        return new PixelImage(image.width(), image.height(), keep, out);
    }
}
