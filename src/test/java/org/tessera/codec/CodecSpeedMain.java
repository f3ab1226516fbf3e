package org.tessera.codec;

import org.tessera.config.TiffCompression;
import java.io.IOException;
import java.util.Locale;
import org.tessera.image.PixelImage;

/**
 * Not a test: prints milliseconds per 256x256 encode and decode for each codec, one thread,
 * after warm-up, on a noisy (photograph-like) pattern. Run:
 * {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java --enable-native-access=ALL-UNNAMED -cp target/classes:target/test-classes:$(cat cp.txt) org.tessera.codec.CodecSpeedMain}
 */
public final class CodecSpeedMain {
    private static final int WARMUP = 1000, RUNS = 2000;

    private CodecSpeedMain() {
    }

    public static void main(String[] args) throws IOException {
        PixelImage image = PatternAssert.noisy(256, 256);
        try (TurboJpeg turbo = TurboJpeg.load()) {
            ImageEncoder turboEnc = new TurboJpegEncoder(turbo), jdkEnc = new ImageIoJpegEncoder();
            JpegDecoder turboDec = new TurboJpegDecoder(turbo), jdkDec = new ImageIoJpegDecoder();
            byte[] jpeg = turboEnc.encode(image, 75);
            System.out.printf(Locale.ROOT, "256x256 noisy RGB, Q75 JPEG of %d bytes%n", jpeg.length);
            report("JPEG encode  TurboJPEG", () -> turboEnc.encode(image, 75));
            report("JPEG encode  ImageIO  ", () -> jdkEnc.encode(image, 75));
            report("JPEG decode  TurboJPEG", () -> turboDec.decode(jpeg));
            report("JPEG decode  ImageIO  ", () -> jdkDec.decode(jpeg));
            report("JPEG lossless crop 200x100", () -> turbo.losslessCrop(jpeg, 200, 100));
            Webp webp = Webp.load();
            WebpEncoder webpEnc = new WebpEncoder(webp);
            report("WebP encode q50       ", () -> webpEnc.encode(image, 50));
            report("WebP encode lossless  ", () -> webpEnc.encode(image, -1));
            PngEncoder png = new PngEncoder();
            report("PNG encode level 1    ", () -> png.encode(image, 1));
            TiffEncoder tiff = new TiffEncoder(TiffCompression.DEFLATE);
            report("TIFF encode deflate 1 ", () -> tiff.encode(image, 1));
        }
    }

    private interface Work {
        Object run() throws IOException;
    }

    private static void report(String name, Work work) throws IOException {
        int sink = 0;
        for (int i = 0; i < WARMUP; i++) sink += work.run().hashCode();
        int runs = name.startsWith("JPEG") ? RUNS : RUNS / 4;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) sink += work.run().hashCode();
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf(Locale.ROOT, "%s %8.3f ms%s%n", name, ms, sink == 42 ? " " : "");
    }
}
