package org.tessera.source.jp2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.tessera.codec.OpenJpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tessera.image.PixelImage;

/**
 * JPEG 2000 test files made with OpenJPEG's and OpenJPH's command-line tools, and their
 * independent decodes: pictures go in and come out as PGM/PPM, which this class writes and reads.
 * A missing tool skips the test on a workstation and fails it under CI=true.
 */
public final class Jp2Fixtures {
    private Jp2Fixtures() {
    }

    private static final class Holder {
        static final OpenJpeg OPENJPEG = OpenJpeg.load();
    }

    public static OpenJpeg openJpeg() { return Holder.OPENJPEG; }

    /** Opens a JPEG 2000 file as a source with the given MAX_LAYERS, 2 threads for large regions. */
    public static Jp2ImageSource open(Path file, int maxLayers) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return Jp2ImageSource.open(ch, openJpeg(), Instant.EPOCH, maxLayers, 2);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public static void requireTool(String tool) {
        boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
        if (!present && "true".equals(System.getenv("CI"))) fail(tool + " is not installed (CI must have it)");
        assumeTrue(present, tool + " not installed");
    }

    /** A picture where every pixel differs from its neighbours, so a misplaced area cannot pass. */
    public static PixelImage picture(int width, int height, int channels) {
        byte[] p = new byte[width * height * channels];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / Math.max(1, width - 1), g = y * 255 / Math.max(1, height - 1), b = (x ^ y) & 0xFF;
                if (channels == 1) {
                    p[i++] = (byte) ((r + 2 * b + g) / 4);
                } else {
                    p[i++] = (byte) r;
                    p[i++] = (byte) g;
                    p[i++] = (byte) b;
                    if (channels == 4) p[i++] = (byte) ((x + y) % 256);
                }
            }
        }
        return new PixelImage(width, height, channels, p);
    }

    /** Writes 1- or 3-channel pixels as binary PGM/PPM. */
    public static Path writePnm(PixelImage image, Path file) throws IOException {
        String magic = image.channels() == 1 ? "P5" : "P6";
        byte[] head = (magic + "\n" + image.width() + " " + image.height() + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + image.pixels().length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(image.pixels(), 0, all, head.length, image.pixels().length);
        Files.write(file, all);
        return file;
    }

    /** Reads an 8-bit binary PGM or PPM. */
    public static PixelImage readPnm(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        int[] pos = {0};
        String magic = token(data, pos);
        int w = Integer.parseInt(token(data, pos)), h = Integer.parseInt(token(data, pos));
        int max = Integer.parseInt(token(data, pos));
        assertEquals(255, max, "only 8-bit PNM is read here");
        int channels = magic.equals("P5") ? 1 : 3;
        byte[] px = new byte[w * h * channels];
        System.arraycopy(data, pos[0] + 1, px, 0, px.length);
        return new PixelImage(w, h, channels, px);
    }

    private static String token(byte[] data, int[] pos) {
        while (true) {
            while (Character.isWhitespace(data[pos[0]])) pos[0]++;
            if (data[pos[0]] != '#') break;
            while (data[pos[0]] != '\n') pos[0]++;   // a comment runs to the end of its line
        }
        int start = pos[0];
        while (!Character.isWhitespace(data[pos[0]])) pos[0]++;
        return new String(data, start, pos[0] - start, StandardCharsets.US_ASCII);
    }

    /** opj_compress with the given options; lossless unless they set rates or PSNRs. */
    public static Path opjCompress(Path input, Path output, String... options) throws IOException {
        requireTool("opj_compress");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/opj_compress", "-i", input.toString(), "-o", output.toString()));
        cmd.addAll(List.of(options));
        run(cmd);
        return output;
    }

    /** opj_decompress of a whole level: {@code reduce} reductions, {@code layers} layers (0 = all). */
    public static PixelImage opjDecompress(Path input, Path scratch, int reduce, int layers) throws IOException {
        requireTool("opj_decompress");
        Path out = scratch.resolve("ref-" + input.getFileName() + "-r" + reduce + "-l" + layers + ".pnm");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/opj_decompress", "-i", input.toString(), "-o", out.toString(),
                "-r", Integer.toString(reduce)));
        if (layers > 0) cmd.addAll(List.of("-l", Integer.toString(layers)));
        run(cmd);
        return readPnm(out);
    }

    /** ojph_compress (HTJ2K) of a PGM/PPM into a raw .j2c codestream. */
    public static Path ojphCompress(Path input, Path output, String... options) throws IOException {
        requireTool("ojph_compress");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/ojph_compress", "-i", input.toString(), "-o", output.toString()));
        cmd.addAll(List.of(options));
        run(cmd);
        return output;
    }

    public static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) fail(cmd + " failed (" + p.exitValue() + "):\n" + out);
    }

    /** The largest difference of any sample, to compare with an independent decode. */
    public static int maxDifference(PixelImage a, PixelImage b) {
        assertEquals(a.width(), b.width(), "width");
        assertEquals(a.height(), b.height(), "height");
        assertEquals(a.channels(), b.channels(), "channels");
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        return max;
    }
}
