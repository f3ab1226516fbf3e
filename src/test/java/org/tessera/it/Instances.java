package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several Tessera instances as a scaled deployment runs them: each its own process on its own
 * FastCGI address (TCP or Unix socket), all with the same environment and the same memcached. Each
 * also has a development listener on a loopback port, so a test can read that instance's metrics
 * (and ask it directly) while the web server spreads the load.
 */
final class Instances implements AutoCloseable {
    /** One running instance. */
    static final class Instance {
        final String name;
        final Listen listen;
        int httpPort;
        DaemonProcess process;

        Instance(String name, Listen listen, int httpPort) {
            this.name = name;
            this.listen = listen;
            this.httpPort = httpPort;
        }

        String direct() { return "http://127.0.0.1:" + httpPort; }

        /** This instance's Prometheus counters, "name{labels}" -> value. */
        Map<String, Double> metrics() { return PromText.parse(Http.get(direct() + "/metrics").text()); }

        double metric(String series) { return metrics().getOrDefault(series, 0.0); }
    }

    private final Scratch scratch;
    private final Map<String, String> env;
    final List<Instance> all = new ArrayList<>();

    /**
     * @param listens one FastCGI address per instance
     * @param extraEnv added to {@link TesseraStack#env} (MEMCACHED_SERVERS...)
     */
    Instances(Scratch scratch, List<Listen> listens, Map<String, String> extraEnv) {
        this.scratch = scratch;
        this.env = new HashMap<>(TesseraStack.env(scratch, extraEnv));
        try {
            for (int i = 0; i < listens.size(); i++) {
                Instance in = new Instance("tessera-" + (i + 1), listens.get(i), Ports.freePort());
                all.add(in);
                start(in);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    Instance get(int i) { return all.get(i); }

    private void start(Instance in) {
        for (int attempt = 0; ; attempt++) {
            // umask 0: a Unix socket the web server's workers (www-data) can connect to from the first
            // moment (in production: a shared group, spawn-fcgi -M/-U, or systemd UMask=)
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "umask 000; exec \"$@\"", "sh"));
            cmd.addAll(DaemonProcess.tesseraCommand(List.of("--bind", in.listen.bindArgument(), "--http",
                    "127.0.0.1:" + in.httpPort)));
            try {
                in.process = DaemonProcess.start(cmd, env, in.listen, scratch.resolve(in.name));
            } catch (IllegalStateException e) {
                // the loopback port picked for --http was taken meanwhile by another program: pick again
                String why = e.getMessage();
                if (attempt >= 3 || !why.contains("Address already in use") || why.contains("Unable to open socket")) throw e;
                in.httpPort = Ports.freePort();
                continue;
            }
            Ports.await(() -> Ports.tcpAccepts("127.0.0.1", in.httpPort), in.process::isAlive, DaemonProcess.START_TIMEOUT);
            return;
        }
    }

    /** Graceful stop (SIGTERM: requests in flight finish), then a new process on the same address. */
    void restart(Instance in) {
        in.process.stop();
        start(in);
    }

    /** SIGKILL: connections in flight break. */
    void kill(Instance in) {
        in.process.signal("KILL");
        in.process.awaitExit(java.time.Duration.ofSeconds(10));
    }

    /** Sum of one series over every instance. */
    double sum(String series) {
        double total = 0;
        for (Instance in : all) {
            if (in.process.isAlive()) total += in.metric(series);
        }
        return total;
    }

    String diagnostics() {
        StringBuilder b = new StringBuilder();
        for (Instance in : all) if (in.process != null) b.append(in.process.diagnostics());
        return b.toString();
    }

    @Override
    public void close() {
        for (Instance in : all) if (in.process != null) in.process.stop();
    }

    /** Unix socket paths for the folder, world-accessible so a web server's workers can reach them. */
    static Path socketDir(Scratch scratch) {
        try {
            Path d = Files.createDirectories(scratch.resolve("sock"));
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
