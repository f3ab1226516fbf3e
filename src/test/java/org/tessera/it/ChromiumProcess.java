package org.tessera.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where headless Chromium lives; {@link ChromiumPage} starts and drives it. */
final class ChromiumProcess {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private ChromiumProcess() {
    }

    static boolean installed() { return Files.isExecutable(CHROMIUM); }
}
