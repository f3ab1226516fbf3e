package org.tessera.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FastCGI client that talks to the daemon directly, as nginx does, for load and fault tests
 * that need more connections or stranger peers than nginx would make: one socket, requests
 * written whole or byte by byte, responses read whole (status parsed from the CGI headers).
 */
final class FcgiClient implements AutoCloseable {
    static final int BEGIN_REQUEST = 1, END_REQUEST = 3, PARAMS = 4, STDIN = 5, STDOUT = 6, STDERR = 7,
            GET_VALUES = 9, GET_VALUES_RESULT = 10;

    /** A complete answer: CGI status and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
            return null;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    FcgiClient(int port) throws IOException {
        this(port, 0);
    }

    /** @param receiveBuffer the socket's receive buffer in bytes (0: the system's default) */
    FcgiClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(120_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The records of one GET request for {@code query} (an IIP query string). */
    static byte[] request(int id, boolean keepConn, String query) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("REQUEST_METHOD", "GET");
        p.put("QUERY_STRING", query);
        p.put("REQUEST_URI", "/fcgi-bin/iipsrv.fcgi?" + query);
        p.put("SCRIPT_NAME", "/fcgi-bin/iipsrv.fcgi");
        p.put("SERVER_NAME", "localhost");
        p.put("HTTP_HOST", "localhost");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(record(BEGIN_REQUEST, id, new byte[] {0, 1, (byte) (keepConn ? 1 : 0), 0, 0, 0, 0, 0}));
        b.writeBytes(record(PARAMS, id, pairs(p)));
        b.writeBytes(record(PARAMS, id, new byte[0]));
        b.writeBytes(record(STDIN, id, new byte[0]));
        return b.toByteArray();
    }

    static byte[] getValues(String... names) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String n : names) p.put(n, "");
        return record(GET_VALUES, 0, pairs(p));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One request on this connection, its response read whole. */
    Response get(String query, boolean keepConn) throws IOException {
        send(request(1, keepConn, query));
        return read(1);
    }

    /** Reads records until request {@code id} ends; EOFException when the server closes first. */
    Response read(int id) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        boolean any = false;
        while (true) {
            int version;
            try {
                version = in.readUnsignedByte();
            } catch (EOFException e) {
                // closed between records: before the first one nothing was answered, after it the answer is cut
                throw any ? new EOFException("truncated response of request " + id) : e;
            }
            any = true;
            int type = in.readUnsignedByte();
            int rid = in.readUnsignedShort();
            int length = in.readUnsignedShort();
            int padding = in.readUnsignedByte();
            in.readUnsignedByte();
            byte[] content = in.readNBytes(length);
            if (version != 1 || content.length < length || in.readNBytes(padding).length < padding) {
                throw new EOFException("truncated record");
            }
            if (type == STDOUT && rid == id) stdout.writeBytes(content);
            if (type == END_REQUEST && rid == id) return parse(stdout.toByteArray());
        }
    }

    /** Reads one management record's name-value pairs (GET_VALUES_RESULT). */
    Map<String, String> readValues() throws IOException {
        int version = in.readUnsignedByte(), type = in.readUnsignedByte();
        in.readUnsignedShort();
        int length = in.readUnsignedShort(), padding = in.readUnsignedByte();
        in.readUnsignedByte();
        byte[] content = in.readNBytes(length);
        in.readNBytes(padding);
        if (version != 1 || type != GET_VALUES_RESULT) throw new IOException("expected GET_VALUES_RESULT, got type " + type);
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        while (i < content.length) {
            int[] n = new int[2];
            for (int k = 0; k < 2; k++) {
                int b = content[i] & 0xFF;
                if (b < 128) {
                    n[k] = b;
                    i++;
                } else {
                    n[k] = (b & 0x7F) << 24 | (content[i + 1] & 0xFF) << 16 | (content[i + 2] & 0xFF) << 8 | content[i + 3] & 0xFF;
                    i += 4;
                }
            }
            String name = new String(content, i, n[0], StandardCharsets.ISO_8859_1);
            String value = new String(content, i + n[0], n[1], StandardCharsets.ISO_8859_1);
            values.put(name, value);
            i += n[0] + n[1];
        }
        return values;
    }

    /** True when the server has closed the connection; false while it is open and silent (checked without waiting). */
    boolean closedByServerNow() {
        try {
            socket.setSoTimeout(1);
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static Response parse(byte[] cgi) throws IOException {
        String text = new String(cgi, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) throw new IOException("no CGI header block in " + cgi.length + " bytes");
        Map<String, String> headers = new LinkedHashMap<>();
        int status = 200;
        for (String line : text.substring(0, end).split("\r\n")) {
            int c = line.indexOf(':');
            if (c <= 0) continue;
            String name = line.substring(0, c).trim(), value = line.substring(c + 1).trim();
            headers.put(name, value);
            if (name.equalsIgnoreCase("Status")) status = Integer.parseInt(value.split(" ")[0]);
        }
        byte[] body = java.util.Arrays.copyOfRange(cgi, end + 4, cgi.length);
        String length = headers.get("Content-Length");
        if (length != null && Integer.parseInt(length) != body.length) {
            throw new IOException("truncated body: " + body.length + " of " + length + " bytes");
        }
        return new Response(status, headers, body);
    }

    static byte[] record(int type, int id, byte[] content) {
        int pad = (8 - content.length % 8) % 8;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(1);
        b.write(type);
        b.write(id >> 8);
        b.write(id);
        b.write(content.length >> 8);
        b.write(content.length);
        b.write(pad);
        b.write(0);
        b.writeBytes(content);
        b.writeBytes(new byte[pad]);
        return b.toByteArray();
    }

    private static byte[] pairs(Map<String, String> p) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : p.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.ISO_8859_1), v = e.getValue().getBytes(StandardCharsets.ISO_8859_1);
            for (int n : new int[] {k.length, v.length}) {
                if (n < 128) {
                    b.write(n);
                } else {
                    b.write(0x80 | n >>> 24);
                    b.write(n >>> 16);
                    b.write(n >>> 8);
                    b.write(n);
                }
            }
            b.writeBytes(k);
            b.writeBytes(v);
        }
        return b.toByteArray();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket the server may already have reset
        }
    }
}
