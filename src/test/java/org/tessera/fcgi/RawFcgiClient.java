package org.tessera.fcgi;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A minimal FastCGI client written from the spec, independent of the production generator, so the
 * tests check the server against bytes built another way.
 */
final class RawFcgiClient implements AutoCloseable {
    record Rec(int version, int type, int id, byte[] content) {
        String text() { return new String(content, StandardCharsets.UTF_8); }
    }

    /** What a request got back: concatenated STDOUT, STDERR and the END_REQUEST body. */
    record Reply(byte[] stdout, String stderr, int appStatus, int protocolStatus) {
        String text() { return new String(stdout, StandardCharsets.UTF_8); }

        String body() {
            String t = text();
            return t.substring(t.indexOf("\r\n\r\n") + 4);
        }
    }

    private final SocketChannel channel;
    private final DataInputStream in;

    RawFcgiClient(SocketAddress address) throws IOException {
        this(SocketChannel.open(address));
    }

    private RawFcgiClient(SocketChannel connected) {
        channel = connected;
        in = new DataInputStream(Channels.newInputStream(channel));
    }

    static RawFcgiClient tcp(int port) throws IOException {
        return new RawFcgiClient(new InetSocketAddress("127.0.0.1", port));
    }

    /** A client with a tiny receive buffer, so a server writing to it fills the socket quickly when it does not read. */
    static RawFcgiClient tcpNotReading(int port) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4096);
        ch.connect(new InetSocketAddress("127.0.0.1", port));
        return new RawFcgiClient(ch);
    }

    static byte[] record(int type, int id, byte[] content) {
        int padding = (8 - content.length % 8) % 8;
        ByteBuffer b = ByteBuffer.allocate(8 + content.length + padding);
        b.put((byte) 1).put((byte) type).putShort((short) id).putShort((short) content.length)
                .put((byte) padding).put((byte) 0).put(content);
        return b.array();
    }

    static byte[] begin(int id, int role, boolean keepConn) {
        return record(Fcgi.BEGIN_REQUEST, id, new byte[] {(byte) (role >> 8), (byte) role, (byte) (keepConn ? 1 : 0), 0, 0, 0, 0, 0});
    }

    static byte[] nameValues(Map<String, String> pairs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pairs.forEach((n, v) -> {
            byte[] nb = n.getBytes(StandardCharsets.UTF_8);
            byte[] vb = v.getBytes(StandardCharsets.UTF_8);
            length(out, nb.length);
            length(out, vb.length);
            out.writeBytes(nb);
            out.writeBytes(vb);
        });
        return out.toByteArray();
    }

    private static void length(ByteArrayOutputStream out, int n) {
        if (n < 128) {
            out.write(n);
        } else {
            out.writeBytes(ByteBuffer.allocate(4).putInt(n | 0x80000000).array());
        }
    }

    /** BEGIN_REQUEST, one PARAMS record + end, STDIN + end, as one write; CONTENT_LENGTH is added for a body. */
    static byte[] request(int id, boolean keepConn, Map<String, String> params, byte[] stdin) {
        if (stdin.length > 0 && !params.containsKey("CONTENT_LENGTH")) {
            params = new java.util.HashMap<>(params);
            params.put("CONTENT_LENGTH", Integer.toString(stdin.length));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(begin(id, Fcgi.RESPONDER, keepConn));
        out.writeBytes(record(Fcgi.PARAMS, id, nameValues(params)));
        out.writeBytes(record(Fcgi.PARAMS, id, new byte[0]));
        if (stdin.length > 0) {
            out.writeBytes(record(Fcgi.STDIN, id, stdin));
        }
        out.writeBytes(record(Fcgi.STDIN, id, new byte[0]));
        return out.toByteArray();
    }

    static Map<String, String> get(String uri) {
        int q = uri.indexOf('?');
        return Map.of("REQUEST_METHOD", "GET", "REQUEST_URI", uri, "QUERY_STRING", q < 0 ? "" : uri.substring(q + 1),
                "SCRIPT_NAME", "/fcgi-bin/iipsrv.fcgi", "HTTP_HOST", "example.org");
    }

    void send(byte[]... chunks) throws IOException {
        for (byte[] c : chunks) {
            ByteBuffer b = ByteBuffer.wrap(c);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    Rec read() throws IOException {
        int version = in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int id = in.readUnsignedShort();
        int length = in.readUnsignedShort();
        int padding = in.readUnsignedByte();
        in.readUnsignedByte();
        byte[] content = in.readNBytes(length);
        if (content.length < length || in.readNBytes(padding).length < padding) {
            throw new EOFException("truncated record");
        }
        return new Rec(version, type, id, content);
    }

    /** Reads records of one request until its END_REQUEST, failing on records of other requests. */
    Reply readReply(int id) throws IOException {
        return readReplies(Map.of()).get(id);
    }

    /** Reads records until every request in {@code ids} (or the first one seen, if empty) has ended. */
    Map<Integer, Reply> readReplies(Map<Integer, ?> idsOrEmpty) throws IOException {
        java.util.Map<Integer, ByteArrayOutputStream> out = new java.util.HashMap<>();
        java.util.Map<Integer, ByteArrayOutputStream> err = new java.util.HashMap<>();
        java.util.Map<Integer, Reply> done = new java.util.HashMap<>();
        while (idsOrEmpty.isEmpty() ? done.isEmpty() : done.size() < idsOrEmpty.size()) {
            Rec r = read();
            switch (r.type()) {
                case Fcgi.STDOUT -> out.computeIfAbsent(r.id(), k -> new ByteArrayOutputStream()).writeBytes(r.content());
                case Fcgi.STDERR -> err.computeIfAbsent(r.id(), k -> new ByteArrayOutputStream()).writeBytes(r.content());
                case Fcgi.END_REQUEST -> {
                    ByteBuffer b = ByteBuffer.wrap(r.content());
                    done.put(r.id(), new Reply(out.getOrDefault(r.id(), new ByteArrayOutputStream()).toByteArray(),
                            err.getOrDefault(r.id(), new ByteArrayOutputStream()).toString(StandardCharsets.UTF_8),
                            b.getInt(), b.get() & 0xFF));
                }
                default -> throw new IOException("unexpected record type " + r.type());
            }
        }
        return done;
    }

    /** True when the server closed the connection: the next read sees end of stream. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
