package org.tessera.source.jpeg;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.tessera.error.CorruptImageException;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.PixelImage;

/**
 * CMYK and YCCK JPEGs, which libjpeg-turbo decodes only to CMYK: TwelveMonkeys' reader undoes
 * YCCK and Adobe's inverted CMYK and attaches the embedded ICC profile (or a generic CMYK one),
 * and a colour conversion through the JDK's colour management gives sRGB.
 */
final class CmykJpeg {
    /** TwelveMonkeys' provider as ImageIO registered it (registration links it to the JDK reader it builds on). */
    private static final ImageReaderSpi PROVIDER = IIORegistry.getDefaultInstance()
            .getServiceProviderByClass(JPEGImageReaderSpi.class);

    private CmykJpeg() {
    }

    /** RGB pixels at 1/denominator of the size, ceil(width / denominator) x ceil(height / denominator). */
    static PixelImage decode(byte[] jpeg, int denominator) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            if (PROVIDER == null) throw new UnsupportedImageException("CMYK JPEG needs the TwelveMonkeys JPEG plugin");
            ImageReader reader = PROVIDER.createReaderInstance();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(denominator, denominator, 0, 0);
                BufferedImage cmyk = reader.read(0, param);
                BufferedImage rgb = new BufferedImage(cmyk.getWidth(), cmyk.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                new ColorConvertOp(null).filter(cmyk, rgb);
                // interleaved byte rasters hand their samples over in band order: R, G, B
                byte[] px = (byte[]) rgb.getRaster().getDataElements(0, 0, rgb.getWidth(), rgb.getHeight(), null);
                return new PixelImage(rgb.getWidth(), rgb.getHeight(), 3, px);
            } catch (RuntimeException e) {
                throw new CorruptImageException("CMYK JPEG could not be decoded: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }
}
