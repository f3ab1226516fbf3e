package org.tessera.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tessera behind nginx as in production: the shaded jar with --bind on a loopback port (or a Unix
 * socket), iipsrv's environment (FILESYSTEM_PREFIX = the scratch image folder, URI_MAP iiif=>IIIF,
 * CORS *), and a private nginx passing /fcgi-bin/iipsrv.fcgi, /iiif/ and / to it.
 */
final class TesseraStack implements AutoCloseable {
    final DaemonProcess daemon;
    final NginxProcess nginx;

    private TesseraStack(DaemonProcess daemon, NginxProcess nginx) {
        this.daemon = daemon;
        this.nginx = nginx;
    }

    static Map<String, String> env(Scratch scratch, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("FILESYSTEM_PREFIX", scratch.resolve("images") + "/");
        env.put("URI_MAP", "iiif=>IIIF");
        env.put("CORS", "*");
        env.put("VERBOSITY", "2");
        env.putAll(extra);
        return env;
    }

    /** Tessera on {@code listen} (TCP or Unix) with nginx in front. */
    static TesseraStack start(Scratch scratch, Listen listen, Map<String, String> extraEnv, boolean keepConn) {
        DaemonProcess d = DaemonProcess.tessera(env(scratch, extraEnv), List.of("--bind", listen.bindArgument()), listen,
                scratch.resolve("tessera"));
        try {
            return new TesseraStack(d, NginxProcess.start(scratch.resolve("nginx"), List.of(listen), keepConn));
        } catch (RuntimeException e) {
            String diag = d.diagnostics();
            d.close();
            throw new IllegalStateException(e.getMessage() + "\n" + diag, e);
        }
    }

    static TesseraStack startTcp(Scratch scratch) {
        return start(scratch, Listen.tcp(Ports.freePort()), Map.of(), true);
    }

    String iip() { return nginx.iipUrl(); }

    String base() { return nginx.baseUrl(); }

    String diagnostics() { return daemon.diagnostics() + nginx.diagnostics(); }

    /** Stops nginx and the daemon; returns the daemon's exit code. */
    int stop() {
        nginx.close();
        return daemon.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
