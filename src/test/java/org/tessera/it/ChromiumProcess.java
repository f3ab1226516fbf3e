package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium loading one page and printing its DOM after a virtual-time budget (virtual
 * time does not advance while network fetches are pending, so tile loads finish before the dump).
 */
final class ChromiumProcess {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private ChromiumProcess() {
    }

    static boolean installed() { return Files.isExecutable(CHROMIUM); }

    /** The serialized DOM of {@code url} after {@code budgetMs} of virtual time. */
    static String dumpDom(String url, Path profileDir, int budgetMs) {
        try {
            Files.createDirectories(profileDir);
            Path err = profileDir.resolve("chromium.err");
            List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profileDir.resolve("profile"),
                    "--window-size=1200,900", "--virtual-time-budget=" + budgetMs, "--dump-dom", url);
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish\n" + LogFiles.tail(err));
            }
            String dom = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || dom.isBlank()) {
                throw new IllegalStateException("chromium exit " + p.exitValue() + ", DOM:\n" + dom + "\n" + LogFiles.tail(err));
            }
            return dom;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
