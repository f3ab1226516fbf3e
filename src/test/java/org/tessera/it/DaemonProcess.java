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
 * A FastCGI server process started by a test: the shaded Tessera jar (system property
 * {@code tessera.jar}, run by the same java binary as the test JVM) or any other command such as
 * the reference iipsrv. Its stdout, stderr and LOGFILE go to files in a private folder so a
 * failure can show them.
 */
final class DaemonProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> KEPT_ENV = List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER");

    private final Process process;
    private final List<String> command;
    private final Path dir;
    private final Path stdout;
    private final Path stderr;
    private final Path logFile;
    private Integer exitCode;

    private DaemonProcess(Process process, List<String> command, Path dir, Path stdout, Path stderr, Path logFile) {
        this.process = process;
        this.command = command;
        this.dir = dir;
        this.stdout = stdout;
        this.stderr = stderr;
        this.logFile = logFile;
    }

    /** Path of the shaded jar that failsafe passes in; fails clearly when it is not built. */
    static Path tesseraJar() {
        String jar = System.getProperty("tessera.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property tessera.jar does not name the shaded jar (" + jar
                    + "); run the integration tests with 'mvn verify' (scripts/test)");
        }
        return Path.of(jar);
    }

    /** The java launcher of the running test JVM, so the daemon runs on the same JDK. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("/java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static List<String> tesseraCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m", "-XX:+UseSerialGC", "-jar", tesseraJar().toString()));
        cmd.addAll(args);
        return cmd;
    }

    /** Starts Tessera with {@code args} and waits until {@code readyWhen} accepts connections. */
    static DaemonProcess tessera(Map<String, String> env, List<String> args, Listen readyWhen, Path dir) {
        return start(tesseraCommand(args), env, readyWhen, dir);
    }

    /**
     * Starts {@code command} in {@code dir} with a clean environment (only PATH/HOME/LANG... of the
     * test JVM, then {@code env}; LOGFILE defaults to dir/server.log) and waits for {@code readyWhen}.
     */
    static DaemonProcess start(List<String> command, Map<String, String> env, Listen readyWhen, Path dir) {
        try {
            Files.createDirectories(dir);
            Path out = dir.resolve("stdout.txt");
            Path err = dir.resolve("stderr.txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> e = pb.environment();
            Map<String, String> kept = new HashMap<>();
            for (String k : KEPT_ENV) {
                if (e.containsKey(k)) kept.put(k, e.get(k));
            }
            e.clear();
            e.putAll(kept);
            e.put("LOGFILE", dir.resolve("server.log").toString());
            e.putAll(env);
            Path logFile = "-".equals(e.get("LOGFILE")) || "syslog".equals(e.get("LOGFILE")) ? null : Path.of(e.get("LOGFILE"));
            DaemonProcess d = new DaemonProcess(pb.start(), List.copyOf(command), dir, out, err, logFile);
            if (readyWhen != null) d.awaitReady(readyWhen);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitReady(Listen listen) {
        boolean up = Ports.await(listen::accepts, process::isAlive, START_TIMEOUT);
        if (!up) {
            String why = process.isAlive() ? "did not accept on " + listen + " within " + START_TIMEOUT.toSeconds() + " s"
                    : "exited with " + process.exitValue() + " before accepting on " + listen;
            close();
            throw new IllegalStateException("server " + why + "\n" + diagnostics());
        }
    }

    long pid() { return process.pid(); }

    boolean isAlive() { return process.isAlive(); }

    Path dir() { return dir; }

    Path logFile() { return logFile; }

    String stdoutText() { return LogFiles.tail(stdout); }

    String logText() { return LogFiles.tail(logFile); }

    /** Sends a signal by name (TERM, HUP, INT...) to the process. */
    void signal(String name) {
        Signals.send(process.pid(), name);
    }

    /** Waits for the process to end by itself; the exit code, or null if it is still running. */
    Integer awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exitCode = process.exitValue();
                return exitCode;
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * SIGTERM, then waits up to 30 s (SIGKILL after that, reported as exit code 137 or so).
     * Returns the exit code.
     */
    int stop() {
        if (exitCode != null) return exitCode;
        if (process.isAlive()) process.destroy(); // SIGTERM on Unix
        Integer code = awaitExit(Duration.ofSeconds(30));
        if (code == null) {
            process.destroyForcibly();
            code = awaitExit(Duration.ofSeconds(10));
        }
        exitCode = code == null ? -1 : code;
        return exitCode;
    }

    @Override
    public void close() {
        stop();
    }

    String diagnostics() {
        return "===== server " + String.join(" ", command) + " (pid " + process.pid()
                + (process.isAlive() ? ", running" : ", exit " + process.exitValue()) + ")\n"
                + LogFiles.section("stdout", stdout) + LogFiles.section("stderr", stderr)
                + (logFile == null ? "" : LogFiles.section("LOGFILE", logFile));
    }
}
