package org.tessera.it;

import static org.tessera.testing.RequiredTools.require;

import java.nio.file.Path;

/** Preconditions shared by the Tessera integration tests. */
final class ItSupport {
    static final String IMAGE = "pattern.tif";
    static final int WIDTH = 1500;
    static final int HEIGHT = 1100;

    private ItSupport() {
    }

    /** nginx and vips are needed to test anything end to end; the jar must have been built. */
    static void requireTools() {
        require(NginxProcess.installed(), "nginx not installed (/usr/sbin/nginx)");
        require(TestImages.vipsInstalled(), "vips not installed (libvips-tools)");
        DaemonProcess.tesseraJar();
    }

    /** The standard test image in scratch/images/pattern.tif. */
    static Path standardImage(Scratch scratch) {
        return TestImages.pyramid(scratch.resolve("images"), IMAGE, WIDTH, HEIGHT);
    }

    /** A response body a client may see: no stack trace, no absolute path of our folders. */
    static boolean leaksInternals(String body, Scratch scratch) {
        return body.contains(scratch.resolve("images").toString()) || body.contains("Exception") || body.contains("\tat ")
                || body.contains("at org.tessera");
    }
}
