package org.tessera.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback ports and readiness probes shared by the process wrappers. */
final class Ports {
    private Ports() {
    }

    /**
     * An ephemeral loopback port that was free a moment ago. Used for programs that cannot report
     * the port they bound (nginx, spawn-fcgi); the small race with other tests is handled by the
     * callers retrying on "address in use".
     */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean tcpAccepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean unixAccepts(Path socket) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return ch.isConnected();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Polls {@code ready} until it is true or {@code stillAlive} turns false or time runs out. */
    static boolean await(BooleanSupplier ready, BooleanSupplier stillAlive, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (ready.getAsBoolean()) return true;
            if (!stillAlive.getAsBoolean()) return ready.getAsBoolean();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return ready.getAsBoolean();
    }
}
