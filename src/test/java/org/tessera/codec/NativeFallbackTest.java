package org.tessera.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Native libraries load once per JVM, so a missing library is simulated in a child JVM whose
 * library properties name files that do not exist.
 */
class NativeFallbackTest {
    @Test
    void missingLibrariesFallBackToTheJdkAndLogOnce() throws Exception {
        String output = runProbe("-D" + TurboJpegNative.LIBRARY_PROPERTY + "=/nonexistent/libturbojpeg.so.0",
                "-D" + WebpNative.LIBRARY_PROPERTY + "=/nonexistent/libwebp.so.7",
                "-D" + AvifNative.LIBRARY_PROPERTY + "=/nonexistent/libavif.so.15");
        assertTrue(output.contains("PROBE nativeJpeg=false webp=false avif=false gif=true jpegOk=true"), output);
        assertEquals(1, count(output, "WARN org.tessera.codec.DefaultCodecs -- JPEG:"), output);
        assertEquals(1, count(output, "WARN org.tessera.codec.DefaultCodecs -- WEBP:"), output);
        assertEquals(1, count(output, "WARN org.tessera.codec.DefaultCodecs -- AVIF:"), output);
    }

    @Test
    void eachLibraryIsDetectedIndependently() throws Exception {
        String output = runProbe("-D" + WebpNative.LIBRARY_PROPERTY + "=/nonexistent/libwebp.so.7");
        assertTrue(output.contains("PROBE nativeJpeg=true webp=false avif=true gif=true jpegOk=true"), output);
        assertEquals(1, count(output, "INFO org.tessera.codec.DefaultCodecs -- JPEG: libjpeg-turbo 2.x via JNA"), output);
    }

    @Test
    void webpTiffOutputWithoutLibwebpStopsTheDaemonAtStartup() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-D" + WebpNative.LIBRARY_PROPERTY + "=/nonexistent/libwebp.so.7",
                "-cp", System.getProperty("java.class.path"), "org.tessera.Main", "--http", "127.0.0.1:0").redirectErrorStream(true);
        pb.environment().put("TIFF_COMPRESSION", "4");
        pb.environment().put("LOGFILE", "/dev/null");
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), text);
        assertTrue(text.contains("tessera: configuration error: TIFF_COMPRESSION=\"4\": "
                + "WebP compression inside TIFF needs libwebp, which is not loaded"), text);
    }

    private static String runProbe(String... properties) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FallbackProbeMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
