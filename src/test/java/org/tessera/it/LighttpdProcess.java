package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A private lighttpd (Debian's /usr/sbin/lighttpd) in the foreground: a minimal main file of the
 * test's own (port, pid, logs, document root) that includes a recipe from config/.
 */
final class LighttpdProcess implements WebFront {
    static final Path LIGHTTPD = Path.of("/usr/sbin/lighttpd");

    private final Process process;
    private final Path dir;
    private final int port;

    private LighttpdProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static boolean installed() { return Files.isExecutable(LIGHTTPD); }

    static LighttpdProcess start(Path dir, String site) {
        try {
            Files.createDirectories(dir.resolve("www"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(dir.resolve("site.conf"), site);
            for (int attempt = 0; ; attempt++) {
                int port = Ports.freePort();
                Files.writeString(dir.resolve("lighttpd.conf"), main(dir, port));
                Process p = new ProcessBuilder(LIGHTTPD.toString(), "-D", "-f", dir.resolve("lighttpd.conf").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("lighttpd.out").toFile()).start();
                LighttpdProcess l = new LighttpdProcess(p, dir, port);
                if (Ports.await(() -> Ports.tcpAccepts("127.0.0.1", port), p::isAlive, Duration.ofSeconds(20))) return l;
                String diag = l.diagnostics();
                l.close();
                if (attempt >= 3 || !diag.contains("Address already in use")) {
                    throw new IllegalStateException("lighttpd did not start\n" + diag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String main(Path dir, int port) {
        StringBuilder c = new StringBuilder("# the test's main file; the site is config/lighttpd.conf\n");
        c.append("server.document-root = \"").append(dir.resolve("www")).append("\"\n");
        c.append("server.bind = \"127.0.0.1\"\nserver.port = ").append(port).append('\n');
        c.append("server.pid-file = \"").append(dir.resolve("lighttpd.pid")).append("\"\n");
        c.append("server.errorlog = \"").append(dir.resolve("error.log")).append("\"\n");
        c.append("server.max-connections = 256\n");
        if ("root".equals(System.getProperty("user.name"))) {
            c.append("server.username = \"www-data\"\nserver.groupname = \"www-data\"\n");
        }
        c.append("server.modules = ( )\n");
        c.append("include \"").append(dir.resolve("site.conf")).append("\"\n");
        return c.toString();
    }

    @Override
    public String baseUrl() { return "http://127.0.0.1:" + port; }

    @Override
    public String diagnostics() {
        return "===== lighttpd (" + dir + ")\n" + LogFiles.section("site.conf", dir.resolve("site.conf"))
                + LogFiles.section("error.log", dir.resolve("error.log"))
                + LogFiles.section("lighttpd output", dir.resolve("lighttpd.out"));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
