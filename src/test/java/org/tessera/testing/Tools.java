package org.tessera.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command-line tools the tests use as independent encoders and decoders (vips, tiffcp, avifdec).
 * A missing tool skips the test on a developer machine and fails it under CI=true.
 */
public final class Tools {
    private Tools() {
    }

    /** The tool's path; skips (or, under CI, fails) the calling test when it is not installed. */
    public static String require(String name) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        RequiredTools.require(false, name + " (Debian: see .ci/run)");
        return null;
    }

    /**
     * Runs a command to completion (at most a minute), fails the test on a non-zero exit, and
     * returns its standard output (warnings on standard error do not mix in).
     */
    public static String run(String... command) throws IOException {
        Path errors = Files.createTempFile("tool", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(errors.toFile());
        Process p = pb.start();
        try {
            String out;
            try (var in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
            assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + out + Files.readString(errors));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(errors);
        }
    }

    /**
     * Decodes any image vips reads into raw interleaved 8-bit pixels: the reference decoder for
     * output tests. {@code image} may carry vips load options ({@code x.tif[page=1]}).
     */
    public static byte[] vipsPixels(String image, Path raw) throws IOException {
        String vips = require("vips");
        run(vips, "rawsave", image, raw.toString());
        return Files.readAllBytes(raw);
    }

    /** Width, height and bands of an image as vips reads it. */
    public static int[] vipsShape(Path image) throws IOException {
        String vips = require("vipsheader");
        String[] f = run(vips, "-f", "width", image.toString()).strip().split("\\s+");
        String[] h = run(vips, "-f", "height", image.toString()).strip().split("\\s+");
        String[] b = run(vips, "-f", "bands", image.toString()).strip().split("\\s+");
        return new int[] {Integer.parseInt(f[0]), Integer.parseInt(h[0]), Integer.parseInt(b[0])};
    }
}
