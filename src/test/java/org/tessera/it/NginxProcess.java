package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private nginx in front of one or more FastCGI servers, as deployed in production: its own
 * nginx.conf in a temp folder (pid, logs, every *_temp_path inside it), {@code daemon off},
 * listening on 127.0.0.1:&lt;free port&gt;, FastCGI params written inline (no dependency on
 * /etc/nginx/fastcgi_params; the forwarding headers set by nginx as in config/nginx.conf), and /fcgi-bin/iipsrv.fcgi, /iiif/ and / all passed to the upstream.
 */
final class NginxProcess implements AutoCloseable {
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final int ATTEMPTS = 4;

    private final Process process;
    private final Path dir;
    private final int port;

    private NginxProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static boolean installed() { return Files.isExecutable(NGINX); }

    /** nginx passing to {@code upstream} (one connection per request, as iipsrv is usually run). */
    static NginxProcess start(Path dir, Listen upstream) {
        return start(dir, List.of(upstream), false);
    }

    /**
     * nginx load-balancing over {@code upstreams}; {@code keepConn} = keep FastCGI connections open
     * between requests (fastcgi_keep_conn on + upstream keepalive).
     */
    static NginxProcess start(Path dir, List<Listen> upstreams, boolean keepConn) {
        try {
            Files.createDirectories(dir.resolve("tmp"));
            IllegalStateException last = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = Ports.freePort();
                Files.writeString(dir.resolve("nginx.conf"), config(dir, port, upstreams, keepConn));
                Files.deleteIfExists(dir.resolve("error.log"));
                Process p = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                        "-c", dir.resolve("nginx.conf").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
                NginxProcess n = new NginxProcess(p, dir, port);
                if (Ports.await(n::answers, p::isAlive, Duration.ofSeconds(20))) return n;
                String diag = n.diagnostics();
                n.close();
                last = new IllegalStateException("nginx did not come up on port " + port + "\n" + diag);
                if (!diag.contains("Address already in use")) break; // port race: retry; anything else is fatal
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String config(Path dir, int port, List<Listen> upstreams, boolean keepConn) {
        StringBuilder c = new StringBuilder();
        c.append("# written by the Tessera integration tests\n");
        // as root, workers would switch to 'nobody' and lose access to this private folder
        if ("root".equals(System.getProperty("user.name"))) c.append("user root root;\n");
        c.append("daemon off;\nmaster_process on;\nworker_processes 1;\n");
        c.append("pid ").append(dir.resolve("nginx.pid")).append(";\n");
        c.append("error_log ").append(dir.resolve("error.log")).append(" info;\n");
        c.append("events { worker_connections 1024; }\n");
        c.append("http {\n");
        c.append("  access_log ").append(dir.resolve("access.log")).append(";\n");
        for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            c.append("  ").append(t).append("_temp_path ").append(dir.resolve("tmp").resolve(t)).append(";\n");
        }
        c.append("  upstream fcgi_servers {\n");
        for (Listen u : upstreams) c.append("    server ").append(u.nginxAddress()).append(";\n");
        if (keepConn) c.append("    keepalive 8;\n");
        c.append("  }\n");
        c.append("  server {\n");
        c.append("    listen 127.0.0.1:").append(port).append(";\n");
        c.append("    server_name localhost;\n");
        c.append("    location = /nginx-ok { return 200 \"ok\\n\"; }\n");
        for (String loc : List.of("= /fcgi-bin/iipsrv.fcgi", "/iiif/", "/")) {
            c.append("    location ").append(loc).append(" {\n");
            c.append("      fastcgi_pass fcgi_servers;\n");
            if (keepConn) c.append("      fastcgi_keep_conn on;\n");
            c.append(FASTCGI_PARAMS);
            c.append("    }\n");
        }
        c.append("  }\n}\n");
        return c.toString();
    }

    private static final String FASTCGI_PARAMS = """
                  fastcgi_param QUERY_STRING      $query_string;
                  fastcgi_param REQUEST_METHOD    $request_method;
                  fastcgi_param CONTENT_TYPE      $content_type;
                  fastcgi_param CONTENT_LENGTH    $content_length;
                  fastcgi_param SCRIPT_NAME       $fastcgi_script_name;
                  fastcgi_param REQUEST_URI       $request_uri;
                  fastcgi_param DOCUMENT_URI      $document_uri;
                  fastcgi_param SERVER_PROTOCOL   $server_protocol;
                  fastcgi_param REQUEST_SCHEME    $scheme;
                  fastcgi_param HTTPS             $https if_not_empty;
                  fastcgi_param GATEWAY_INTERFACE CGI/1.1;
                  fastcgi_param SERVER_SOFTWARE   nginx/$nginx_version;
                  fastcgi_param REMOTE_ADDR       $remote_addr;
                  fastcgi_param REMOTE_PORT       $remote_port;
                  fastcgi_param SERVER_ADDR       $server_addr;
                  fastcgi_param SERVER_PORT       $server_port;
                  fastcgi_param SERVER_NAME       $server_name;
                  fastcgi_param HTTP_X_FORWARDED_HOST   $http_host;
                  fastcgi_param HTTP_X_FORWARDED_PROTO  $scheme;
                  fastcgi_param HTTP_X_FORWARDED_PREFIX "";
                  fastcgi_param HTTP_X_IIIF_ID          "";
            """;

    private boolean answers() {
        return Ports.tcpAccepts("127.0.0.1", port) && Http.get(baseUrl() + "/nginx-ok").status() == 200;
    }

    int port() { return port; }

    String baseUrl() { return "http://127.0.0.1:" + port; }

    /** Base of IIP requests: {@code baseUrl()/fcgi-bin/iipsrv.fcgi}. */
    String iipUrl() { return baseUrl() + "/fcgi-bin/iipsrv.fcgi"; }

    String errorLog() { return LogFiles.tail(dir.resolve("error.log")); }

    String diagnostics() {
        return "===== nginx (" + dir + ")\n" + LogFiles.section("nginx.conf", dir.resolve("nginx.conf"))
                + LogFiles.section("error.log", dir.resolve("error.log"))
                + LogFiles.section("nginx output", dir.resolve("nginx.out"))
                + LogFiles.section("access.log", dir.resolve("access.log"));
    }

    /** Graceful stop (QUIT to the master, which we started, so we can wait for it). */
    @Override
    public void close() {
        if (process.isAlive()) {
            Signals.send(process.pid(), "QUIT");
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
