package org.tessera.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Unix-domain datagram socket bound to a path, as a system logger owns /dev/log: tests receive
 * what the daemon sends to syslog. Java has no Unix datagram sockets, hence libc through JNA.
 */
public final class UnixDatagramReceiver implements AutoCloseable {
    private static final int AF_UNIX = 1, SOCK_DGRAM = 2, SOL_SOCKET = 1, SO_RCVTIMEO = 20;
    private static final int EAGAIN = 11;

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] address, int length) throws LastErrorException;

        int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

        NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final int fd;
    private final Path path;

    private UnixDatagramReceiver(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    public static UnixDatagramReceiver bind(Path path) {
        int fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM, 0);
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer address = ByteBuffer.allocate(110).order(ByteOrder.nativeOrder());
        address.putShort((short) AF_UNIX).put(p);
        LibC.INSTANCE.bind(fd, address.array(), address.capacity());
        // receive timeout of 200 ms (struct timeval on LP64: two longs), so receive() can poll
        ByteBuffer timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        timeout.putLong(0).putLong(200_000);
        LibC.INSTANCE.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout.array(), 16);
        return new UnixDatagramReceiver(fd, path);
    }

    public Path path() { return path; }

    /** The next datagram, waiting at most {@code timeout}. */
    public Optional<String> receive(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[65536];
        while (System.nanoTime() < end) {
            try {
                int n = LibC.INSTANCE.recv(fd, buffer, new NativeLong(buffer.length), 0).intValue();
                return Optional.of(new String(buffer, 0, n, StandardCharsets.UTF_8));
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EAGAIN) throw e;
            }
        }
        return Optional.empty();
    }

    /** Datagrams until one contains {@code text} (included), or until {@code timeout}. */
    public List<String> receiveUntil(String text, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> got = new ArrayList<>();
        while (System.nanoTime() < end) {
            Optional<String> d = receive(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (d.isEmpty()) break;
            got.add(d.get());
            if (d.get().contains(text)) break;
        }
        return got;
    }

    @Override
    public void close() throws Exception {
        LibC.INSTANCE.close(fd);
        Files.deleteIfExists(path);
    }
}
