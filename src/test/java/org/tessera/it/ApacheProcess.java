package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Apache httpd (Debian's /usr/sbin/apache2) in the foreground: a minimal main file of the
 * test's own (modules, pid, logs, loopback port) that includes a recipe from config/. As root, its
 * workers run as www-data, as on a real server.
 */
final class ApacheProcess implements WebFront {
    static final Path APACHE = Path.of("/usr/sbin/apache2");
    static final Path MODULES = Path.of("/usr/lib/apache2/modules");

    private final Process process;
    private final Path dir;
    private final int port;

    private ApacheProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static boolean installed() { return Files.isExecutable(APACHE); }

    static boolean hasModule(String file) { return Files.isRegularFile(MODULES.resolve(file)); }

    /** @param site the recipe with its addresses replaced; "PORT" in it becomes the listening port */
    static ApacheProcess start(Path dir, List<String> modules, java.util.function.IntFunction<String> site) {
        try {
            Files.createDirectories(dir.resolve("run"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (int attempt = 0; ; attempt++) {
                int port = Ports.freePort();
                Files.writeString(dir.resolve("site.conf"), site.apply(port));
                Files.writeString(dir.resolve("apache2.conf"), main(dir, port, modules));
                Files.deleteIfExists(dir.resolve("error.log"));
                Process p = new ProcessBuilder(APACHE.toString(), "-f", dir.resolve("apache2.conf").toString(), "-DFOREGROUND")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("apache.out").toFile()).start();
                ApacheProcess a = new ApacheProcess(p, dir, port);
                if (Ports.await(() -> Ports.tcpAccepts("127.0.0.1", port), p::isAlive, Duration.ofSeconds(20))) return a;
                String diag = a.diagnostics();
                a.close();
                if (attempt >= 3 || !diag.contains("Address already in use")) {
                    throw new IllegalStateException("apache2 did not start\n" + diag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String main(Path dir, int port, List<String> modules) {
        StringBuilder c = new StringBuilder("# the test's main file; the site is a recipe from config/\n");
        c.append("ServerRoot ").append(dir).append('\n');
        c.append("DefaultRuntimeDir ").append(dir.resolve("run")).append('\n');
        c.append("PidFile ").append(dir.resolve("apache2.pid")).append('\n');
        c.append("Mutex file:").append(dir.resolve("run")).append(" default\n");
        c.append("ServerName localhost\nListen 127.0.0.1:").append(port).append('\n');
        if ("root".equals(System.getProperty("user.name"))) c.append("User www-data\nGroup www-data\n");
        c.append("ErrorLog ").append(dir.resolve("error.log")).append("\nLogLevel warn\n");
        c.append("LogFormat \"%h %t \\\"%r\\\" %>s %b %D\" short\nCustomLog ").append(dir.resolve("access.log")).append(" short\n");
        c.append("MaxRequestWorkers 64\nThreadsPerChild 32\nServerLimit 2\n");
        for (String m : List.of("mpm_event", "authz_core", "authz_host")) module(c, m);
        for (String m : modules) module(c, m);
        c.append("Include ").append(dir.resolve("site.conf")).append('\n');
        return c.toString();
    }

    private static void module(StringBuilder c, String name) {
        c.append("LoadModule ").append(name).append("_module ").append(MODULES.resolve("mod_" + name + ".so")).append('\n');
    }

    @Override
    public String baseUrl() { return "http://127.0.0.1:" + port; }

    Path dir() { return dir; }

    @Override
    public String diagnostics() {
        return "===== apache2 (" + dir + ")\n" + LogFiles.section("site.conf", dir.resolve("site.conf"))
                + LogFiles.section("error.log", dir.resolve("error.log"))
                + LogFiles.section("apache output", dir.resolve("apache.out"));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the parent stops its children
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
