package org.tessera.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private memcached on a loopback port (the Debian binary), with its counters read over the text
 * protocol. It can be paused (SIGSTOP: a server that hangs), killed, and started again on the
 * same port (a restart).
 */
final class MemcachedProcess implements AutoCloseable {
    static final Path MEMCACHED = Path.of("/usr/bin/memcached");

    private final Path dir;
    private final int port;
    private final int itemSizeKb;
    private Process process;

    private MemcachedProcess(Path dir, int port, int itemSizeKb) {
        this.dir = dir;
        this.port = port;
        this.itemSizeKb = itemSizeKb;
    }

    static boolean installed() { return Files.isExecutable(MEMCACHED); }

    static MemcachedProcess start(Path dir) { return start(dir, 1024); }

    /** @param itemSizeKb memcached -I (largest item), in KB */
    static MemcachedProcess start(Path dir, int itemSizeKb) {
        MemcachedProcess m = new MemcachedProcess(dir, Ports.freePort(), itemSizeKb);
        m.launch();
        return m;
    }

    void launch() {
        try {
            Files.createDirectories(dir);
            List<String> cmd = new java.util.ArrayList<>(List.of(MEMCACHED.toString(), "-l", "127.0.0.1", "-p",
                    Integer.toString(port), "-U", "0", "-m", "64", "-c", "1024", "-I", itemSizeKb + "k",
                    "-o", "slab_chunk_max=" + itemSizeKb * 512));
            if ("root".equals(System.getProperty("user.name"))) cmd.addAll(List.of("-u", "root"));
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("memcached.out").toFile())).start();
            if (!Ports.await(() -> Ports.tcpAccepts("127.0.0.1", port), process::isAlive, Duration.ofSeconds(20))) {
                throw new IllegalStateException("memcached did not start on port " + port + "\n" + diagnostics());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() { return port; }

    /** The MEMCACHED_SERVERS value for this server. */
    String address() { return "127.0.0.1:" + port; }

    void pause() { Signals.send(process.pid(), "STOP"); }

    void resume() { Signals.send(process.pid(), "CONT"); }

    /** SIGKILL: everything stored is gone, connections reset. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts an empty memcached on the same port again. */
    void restart() {
        kill();
        launch();
    }

    /** The "stats" counters (curr_items, get_hits, get_misses, cmd_set...). */
    Map<String, Long> stats() {
        Map<String, Long> out = new HashMap<>();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            Writer w = new java.io.OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
            w.write("stats\r\n");
            w.flush();
            BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null && !line.equals("END"); line = r.readLine()) {
                String[] p = line.split(" ");
                if (p.length == 3 && p[0].equals("STAT") && p[2].matches("\\d+")) out.put(p[1], Long.parseLong(p[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("memcached stats on port " + port, e);
        }
        return out;
    }

    long stat(String name) { return stats().getOrDefault(name, 0L); }

    String diagnostics() {
        return "===== memcached 127.0.0.1:" + port + (process != null && process.isAlive() ? " (running)" : " (stopped)")
                + "\n" + LogFiles.section("memcached output", dir.resolve("memcached.out"));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                resume();
            } catch (RuntimeException e) {
                // not paused, or already gone
            }
            kill();
        }
    }
}
