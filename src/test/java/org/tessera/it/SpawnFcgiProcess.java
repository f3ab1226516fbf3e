package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server started the classic way: spawn-fcgi opens the listening socket, hands it to the child
 * on fd 0 (FCGI_LISTENSOCK_FILENO) and exits; the child's pid comes from the -P file.
 */
final class SpawnFcgiProcess implements AutoCloseable {
    static final Path SPAWN_FCGI = Path.of("/usr/bin/spawn-fcgi");

    private final long childPid;
    private final Listen listen;
    private final Path dir;
    private final List<String> command;

    private SpawnFcgiProcess(long childPid, Listen listen, Path dir, List<String> command) {
        this.childPid = childPid;
        this.listen = listen;
        this.dir = dir;
        this.command = command;
    }

    static boolean installed() { return Files.isExecutable(SPAWN_FCGI); }

    /** spawn-fcgi on {@code listen} (TCP or Unix) running {@code command} with {@code env}. */
    static SpawnFcgiProcess start(Listen listen, List<String> command, Map<String, String> env, Path dir) {
        try {
            Files.createDirectories(dir);
            Path pidFile = dir.resolve("spawn-fcgi.pid");
            List<String> cmd = new ArrayList<>(List.of(SPAWN_FCGI.toString()));
            if (listen.isUnix()) {
                cmd.addAll(List.of("-s", listen.socket().toString()));
            } else {
                cmd.addAll(List.of("-a", listen.host(), "-p", Integer.toString(listen.port())));
            }
            cmd.addAll(List.of("-P", pidFile.toString(), "--"));
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("spawn-fcgi.out").toFile());
            Map<String, String> e = pb.environment();
            Map<String, String> kept = new HashMap<>();
            for (String k : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
                if (e.containsKey(k)) kept.put(k, e.get(k));
            }
            e.clear();
            e.putAll(kept);
            e.put("LOGFILE", dir.resolve("server.log").toString());
            e.putAll(env);
            Process spawner = pb.start();
            if (!spawner.waitFor(30, TimeUnit.SECONDS) || spawner.exitValue() != 0 || !Files.isRegularFile(pidFile)) {
                spawner.destroyForcibly();
                throw new IllegalStateException("spawn-fcgi failed\n" + LogFiles.section("spawn-fcgi output", dir.resolve("spawn-fcgi.out")));
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0]);
            SpawnFcgiProcess s = new SpawnFcgiProcess(pid, listen, dir, List.copyOf(cmd));
            s.awaitServing();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The socket accepts as soon as spawn-fcgi bound it (the kernel queues connections before the
     * child reads them), so readiness = the child is alive and has started logging; requests made
     * earlier are simply queued by the kernel until the child accepts them.
     */
    private void awaitServing() {
        Ports.await(() -> Files.exists(dir.resolve("server.log")), this::isAlive, Duration.ofSeconds(20));
        if (!isAlive()) {
            throw new IllegalStateException("server under spawn-fcgi exited at once\n" + diagnostics());
        }
    }

    long pid() { return childPid; }

    Listen listen() { return listen; }

    boolean isAlive() { return ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false); }

    void signal(String name) { Signals.send(childPid, name); }

    /** SIGTERM to the child; true when it ended within 30 s (KILL otherwise). */
    boolean stop() {
        if (!isAlive()) return true;
        signal("TERM");
        if (Signals.awaitGone(childPid, Duration.ofSeconds(30))) return true;
        ProcessHandle.of(childPid).ifPresent(ProcessHandle::destroyForcibly);
        Signals.awaitGone(childPid, Duration.ofSeconds(5));
        return false;
    }

    @Override
    public void close() { stop(); }

    String diagnostics() {
        return "===== " + String.join(" ", command) + " (child pid " + childPid + (isAlive() ? ", running" : ", gone") + ")\n"
                + LogFiles.section("spawn-fcgi output", dir.resolve("spawn-fcgi.out"))
                + LogFiles.section("LOGFILE", dir.resolve("server.log"));
    }
}
