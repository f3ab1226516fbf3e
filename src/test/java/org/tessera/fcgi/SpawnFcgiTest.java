package org.tessera.fcgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.testing.RequiredTools.require;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon started the way spawn-fcgi / mod_fcgid start it: the listening socket arrives as fd 0. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpawnFcgiTest {
    private static final Path SPAWN_FCGI = Path.of("/usr/bin/spawn-fcgi");

    private static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), InheritedEchoMain.class.getName());
    }

    private static List<String> spawn(String... listenArgs) {
        List<String> command = new ArrayList<>(List.of(SPAWN_FCGI.toString(), "-n"));
        command.addAll(List.of(listenArgs));
        command.add("--");
        command.addAll(javaCommand());
        return command;
    }

    @Test
    void servesOnAnInheritedTcpSocket(@TempDir Path dir) throws Exception {
        require(Files.isExecutable(SPAWN_FCGI), "spawn-fcgi is not installed");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Process process = start(spawn("-a", "127.0.0.1", "-p", Integer.toString(port)), dir);
        try (RawFcgiClient c = new RawFcgiClient(connect(new InetSocketAddress("127.0.0.1", port), process, dir))) {
            c.send(RawFcgiClient.request(1, true, RawFcgiClient.get("/spawned?tcp"), "fd0".getBytes()));
            String body = c.readReply(1).body();
            assertTrue(body.startsWith("GET /spawned?tcp\nquery=tcp\n"), body);
            assertTrue(body.endsWith("\nbody=fd0"), body);
        } finally {
            stop(process);
        }
    }

    @Test
    void servesOnAnInheritedUnixSocket(@TempDir Path dir) throws Exception {
        require(Files.isExecutable(SPAWN_FCGI), "spawn-fcgi is not installed");
        Path socket = dir.resolve("spawned.sock");
        Process process = start(spawn("-s", socket.toString()), dir);
        try (RawFcgiClient c = new RawFcgiClient(connect(UnixDomainSocketAddress.of(socket), process, dir))) {
            c.send(RawFcgiClient.request(5, false, RawFcgiClient.get("/spawned?unix"), new byte[0]));
            assertTrue(c.readReply(5).body().startsWith("GET /spawned?unix\nquery=unix\n"));
        } finally {
            stop(process);
        }
    }

    @Test
    void stdinThatIsNotASocketGivesAClearErrorAndExitCode1(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("stdin.txt"), "not a socket");
        ProcessBuilder fromFile = new ProcessBuilder(javaCommand()).redirectInput(file.toFile());
        ProcessBuilder fromPipe = new ProcessBuilder(javaCommand());
        for (ProcessBuilder builder : List.of(fromFile, fromPipe)) {
            Process process = builder.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue(), output);
            assertTrue(output.contains("standard input (fd 0) is not a listening socket"), output);
        }
    }

    private static Process start(List<String> command, Path dir) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    }

    /** spawn-fcgi binds before it execs java, but give the Unix socket file time to appear. */
    private static java.net.SocketAddress connect(java.net.SocketAddress address, Process process, Path dir)
            throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!process.isAlive()) {
                throw new AssertionError("spawn-fcgi exited: " + Files.readString(dir.resolve("out.log")));
            }
            try {
                java.nio.channels.SocketChannel.open(address).close();
                return address;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on " + address + ": " + Files.readString(dir.resolve("out.log")));
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

}
