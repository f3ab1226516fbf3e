package org.tessera.codec;

import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;

/**
 * Finds the JDK's own ImageIO plugins. Other plugins on the class path (TwelveMonkeys) register
 * readers and writers for the same formats; the JDK's are the ones whose behaviour
 * (quality-to-level mapping, strip layout) this package relies on. Providers are kept, not
 * readers/writers: those are not thread-safe, so each call creates its own instance.
 */
final class ImageIoCodecs {
    private static final String JDK_PLUGIN_PACKAGE = "com.sun.imageio.plugins.";

    private ImageIoCodecs() {
    }

    static ImageWriterSpi jdkWriter(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        ImageWriterSpi fallback = null;
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            ImageWriterSpi spi = writer.getOriginatingProvider();
            writer.dispose();
            if (spi == null) continue;
            if (writer.getClass().getName().startsWith(JDK_PLUGIN_PACKAGE)) return spi;
            if (fallback == null) fallback = spi;
        }
        if (fallback == null) throw new IllegalStateException("no ImageIO writer for " + format);
        return fallback;
    }

    static ImageReaderSpi jdkReader(String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        ImageReaderSpi fallback = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            ImageReaderSpi spi = reader.getOriginatingProvider();
            reader.dispose();
            if (spi == null) continue;
            if (reader.getClass().getName().startsWith(JDK_PLUGIN_PACKAGE)) return spi;
            if (fallback == null) fallback = spi;
        }
        if (fallback == null) throw new IllegalStateException("no ImageIO reader for " + format);
        return fallback;
    }

    static ImageWriter newWriter(ImageWriterSpi spi) throws IOException {
        return spi.createWriterInstance();
    }

    static ImageReader newReader(ImageReaderSpi spi) throws IOException {
        return spi.createReaderInstance();
    }
}
