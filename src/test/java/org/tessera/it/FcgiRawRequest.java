package org.tessera.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One FastCGI request sent by hand by a slow client: {@link #send} sends the whole request from a
 * socket with a tiny receive buffer and reads nothing, so a large answer keeps the server writing
 * (the request stays in flight) until {@link #answer} reads it. Lets a test signal the daemon
 * mid-request.
 */
final class FcgiRawRequest implements AutoCloseable {
    private static final int BEGIN = 1, END = 3, PARAMS = 4, STDIN = 5, STDOUT = 6;
    private final Socket socket;
    private final OutputStream out;

    private FcgiRawRequest(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    static FcgiRawRequest send(int port, Map<String, String> params) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(60_000);
        FcgiRawRequest r = new FcgiRawRequest(s);
        r.record(BEGIN, new byte[] {0, 1, 0, 0, 0, 0, 0, 0}); // role RESPONDER, no keep-conn
        ByteArrayOutputStream nv = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : params.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8), v = e.getValue().getBytes(StandardCharsets.UTF_8);
            nv.write(k.length); // names and values here are shorter than 128 bytes
            nv.write(v.length);
            nv.writeBytes(k);
            nv.writeBytes(v);
        }
        r.record(PARAMS, nv.toByteArray());
        r.record(PARAMS, new byte[0]);
        r.record(STDIN, new byte[0]);
        r.out.flush();
        return r;
    }

    /** Reads the whole CGI answer (header lines, blank line, body). */
    byte[] answer() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        while (true) {
            byte[] header = new byte[8];
            in.readFully(header);
            int type = header[1] & 0xff;
            int length = ((header[4] & 0xff) << 8) | (header[5] & 0xff);
            byte[] content = new byte[length];
            in.readFully(content);
            in.skipNBytes(header[6] & 0xff);
            if (type == STDOUT) stdout.writeBytes(content);
            if (type == END) return stdout.toByteArray();
        }
    }

    private void record(int type, byte[] content) throws IOException {
        int padding = (8 - content.length % 8) % 8;
        out.write(new byte[] {1, (byte) type, 0, 1, (byte) (content.length >> 8), (byte) content.length, (byte) padding, 0});
        out.write(content);
        out.write(new byte[padding]);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
