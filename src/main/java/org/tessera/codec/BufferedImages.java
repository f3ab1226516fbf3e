package org.tessera.codec;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import org.tessera.image.PixelImage;

/** Conversions between {@link PixelImage} and the BufferedImage that ImageIO codecs need. */
final class BufferedImages {
    private BufferedImages() {
    }

    /** A BufferedImage sharing the PixelImage's bytes (no pixel copy), all channels. */
    static BufferedImage wrap(PixelImage image) {
        return wrap(image, image.channels());
    }

    /**
     * A BufferedImage over the PixelImage's bytes that shows only its first {@code bands} channels:
     * wrapping RGBA with 3 bands, or grey+alpha with 1, drops alpha without copying.
     */
    static BufferedImage wrap(PixelImage image, int bands) {
        int channels = image.channels();
        int[] offsets = new int[bands];
        for (int b = 0; b < bands; b++) offsets[b] = b;
        DataBufferByte buffer = new DataBufferByte(image.pixels(), image.pixels().length);
        PixelInterleavedSampleModel model = new PixelInterleavedSampleModel(
                DataBuffer.TYPE_BYTE, image.width(), image.height(), channels, image.width() * channels, offsets);
        WritableRaster raster = Raster.createWritableRaster(model, buffer, null);
        boolean alpha = bands == 2 || bands == 4;
        ColorSpace space = ColorSpace.getInstance(bands <= 2 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel colours = new ComponentColorModel(space, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(colours, raster, false, null);
    }

    /** The pixels of a decoded 8-bit image as grey (1 band), RGB (3) or with alpha (2 or 4). */
    static PixelImage toPixels(BufferedImage image) throws IOException {
        int bands = image.getRaster().getNumBands();
        int w = image.getWidth(), h = image.getHeight();
        if (w < 1 || h < 1) throw new IOException("empty image");
        if (image.getRaster().getDataBuffer().getDataType() == DataBuffer.TYPE_BYTE
                && image.getColorModel() instanceof ComponentColorModel colours
                && colours.getColorSpace().getType() == (bands <= 2 ? ColorSpace.TYPE_GRAY : ColorSpace.TYPE_RGB)
                && bands >= 1 && bands <= 4) {
            // Interleaved byte rasters give their samples in band order, i.e. R,G,B even for BGR storage.
            byte[] data = (byte[]) image.getRaster().getDataElements(0, 0, w, h, null);
            return new PixelImage(w, h, bands, data);
        }
        boolean alpha = image.getColorModel().hasAlpha();
        int channels = alpha ? 4 : 3;
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[argb.length * channels];
        for (int i = 0, o = 0; i < argb.length; i++) {
            int p = argb[i];
            out[o++] = (byte) (p >> 16);
            out[o++] = (byte) (p >> 8);
            out[o++] = (byte) p;
            if (alpha) out[o++] = (byte) (p >>> 24);
        }
        return new PixelImage(w, h, channels, out);
    }
}
