package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A private nginx running config/nginx.conf in front of two instances (TCP and Unix socket). */
final class NginxRecipe implements WebFront {
    private final Process process;
    private final Path dir;
    private final int port;

    private NginxRecipe(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static NginxRecipe start(Path dir, Listen first, Listen second) {
        try {
            Files.createDirectories(dir.resolve("tmp"));
            for (int attempt = 0; ; attempt++) {
                int port = Ports.freePort();
                String site = Recipe.render("nginx.conf", Map.of(
                        "listen 80;", "listen 127.0.0.1:" + port + ";",
                        "127.0.0.1:9000", first.nginxAddress(),
                        "unix:/run/tessera/tessera-2.sock", second.nginxAddress(),
                        "include fastcgi_params;", "include /etc/nginx/fastcgi_params;"));
                Files.writeString(dir.resolve("tessera.conf"), site);
                Files.writeString(dir.resolve("nginx.conf"), main(dir));
                Files.deleteIfExists(dir.resolve("error.log"));
                Process p = new ProcessBuilder(NginxProcess.NGINX.toString(), "-p", dir.toString(), "-e",
                        dir.resolve("error.log").toString(), "-c", dir.resolve("nginx.conf").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
                NginxRecipe n = new NginxRecipe(p, dir, port);
                if (Ports.await(() -> Ports.tcpAccepts("127.0.0.1", port), p::isAlive, Duration.ofSeconds(20))) return n;
                String diag = n.diagnostics();
                n.close();
                if (attempt >= 3 || !diag.contains("Address already in use")) {
                    throw new IllegalStateException("nginx did not start\n" + diag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String main(Path dir) {
        StringBuilder c = new StringBuilder("# the test's main file; the site is config/nginx.conf\n");
        if ("root".equals(System.getProperty("user.name"))) c.append("user root root;\n");
        c.append("daemon off;\nmaster_process on;\nworker_processes 1;\n");
        c.append("pid ").append(dir.resolve("nginx.pid")).append(";\n");
        c.append("events { worker_connections 1024; }\nhttp {\n");
        c.append("  access_log ").append(dir.resolve("access.log")).append(" combined;\n");
        for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            c.append("  ").append(t).append("_temp_path ").append(dir.resolve("tmp").resolve(t)).append(";\n");
        }
        c.append("  include ").append(dir.resolve("tessera.conf")).append(";\n}\n");
        return c.toString();
    }

    @Override
    public String baseUrl() { return "http://127.0.0.1:" + port; }

    @Override
    public String diagnostics() {
        return "===== nginx (" + dir + ")\n" + LogFiles.section("tessera.conf", dir.resolve("tessera.conf"))
                + LogFiles.section("error.log", dir.resolve("error.log"))
                + LogFiles.section("nginx output", dir.resolve("nginx.out"));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            Signals.send(process.pid(), "QUIT");
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
