package org.tessera.logging;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sends datagrams to a Unix-domain datagram socket such as /dev/log, through libc (JNA): Java's
 * own channels speak Unix-domain stream sockets only. The socket is not connected, so every
 * datagram finds the receiver that owns the path now (e.g. journald after a restart).
 */
final class UnixDatagramSender implements AutoCloseable {
    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    /** Never block a request thread on a slow system logger: the datagram is dropped instead. */
    static final int MSG_DONTWAIT = 0x40;
    static final int SUN_PATH_MAX = 108;

    /** The libc calls we use; errors surface as {@link LastErrorException} carrying errno. */
    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength)
                throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final byte[] address;
    private final int fd;

    UnixDatagramSender(Path socket) {
        this.address = sockaddr(socket);
        this.fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    }

    /** struct sockaddr_un: sa_family_t (host byte order), then the NUL-terminated path. */
    static byte[] sockaddr(Path socket) {
        byte[] path = socket.toString().getBytes(StandardCharsets.UTF_8);
        if (path.length >= SUN_PATH_MAX) throw new IllegalArgumentException("socket path too long: " + socket);
        ByteBuffer b = ByteBuffer.allocate(2 + SUN_PATH_MAX).order(ByteOrder.nativeOrder());
        b.putShort((short) AF_UNIX).put(path);
        return b.array();
    }

    /** Sends one datagram; throws {@link LastErrorException} (errno) when it cannot be delivered now. */
    void send(byte[] datagram) {
        LibC.INSTANCE.sendto(fd, datagram, new NativeLong(datagram.length), MSG_DONTWAIT, address, address.length);
    }

    @Override
    public void close() {
        LibC.INSTANCE.close(fd);
    }
}
