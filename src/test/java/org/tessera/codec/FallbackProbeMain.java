package org.tessera.codec;

import org.tessera.format.OutputFormat;
import org.tessera.testing.TestPattern;

/** Run in a child JVM by {@link NativeFallbackTest}: builds the codecs and prints what it got. */
public final class FallbackProbeMain {
    private FallbackProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (DefaultCodecs codecs = DefaultCodecs.detect()) {
            byte[] jpeg = codecs.encoder(OutputFormat.JPEG).orElseThrow().encode(TestPattern.image(70, 70, 3), 90);
            int[] centre = new int[3];
            var decoded = codecs.jpegDecoder().decode(jpeg);
            for (int c = 0; c < 3; c++) centre[c] = decoded.sample(32, 32, c);
            System.out.println("PROBE nativeJpeg=" + codecs.nativeJpeg()
                    + " webp=" + codecs.encoder(OutputFormat.WEBP).isPresent()
                    + " avif=" + codecs.encoder(OutputFormat.AVIF).isPresent()
                    + " gif=" + codecs.encoder(OutputFormat.GIF).isPresent()
                    + " jpegOk=" + TestPattern.close(TestPattern.rgb(32, 32), centre, 10));
        }
    }
}
