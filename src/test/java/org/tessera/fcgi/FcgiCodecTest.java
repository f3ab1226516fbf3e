package org.tessera.fcgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FcgiCodecTest {
    private final FcgiGenerator generator = new FcgiGenerator();

    private static byte[] bytes(ByteBuffer[] unit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b : unit) {
            ByteBuffer d = b.duplicate();
            byte[] a = new byte[d.remaining()];
            d.get(a);
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(List<ByteBuffer[]> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        units.forEach(u -> out.writeBytes(bytes(u)));
        return out.toByteArray();
    }

    @Test
    void headerRoundTrip() throws FcgiProtocolException {
        RecordHeader h = RecordHeader.of(Fcgi.STDOUT, 0x1234, 13);
        byte[] b = h.encode();
        assertArrayEquals(new byte[] {1, 6, 0x12, 0x34, 0, 13, 3, 0}, b);
        assertEquals(h, HeaderParser.parse(b));
        assertEquals(new RecordHeader(1, 5, 65535, 65535, 255),
                HeaderParser.parse(new byte[] {1, 5, -1, -1, -1, -1, -1, 0}));
    }

    @Test
    void wrongVersionIsRejected() {
        FcgiProtocolException e = assertThrows(FcgiProtocolException.class,
                () -> HeaderParser.parse(new byte[] {2, 1, 0, 1, 0, 8, 0, 0}));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void nameValuePairsWithOneAndFourByteLengths() throws FcgiProtocolException {
        String longValue = "v".repeat(300);
        byte[] encoded = RawFcgiClient.nameValues(new LinkedHashMap<>(Map.of("A", "xy")));
        assertArrayEquals(new byte[] {1, 2, 'A', 'x', 'y'}, encoded);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(encoded);
        out.writeBytes(new byte[] {(byte) 0x80, 0, 0, 4, (byte) 0x80, 0, 1, 44});
        out.writeBytes("LONG".getBytes());
        out.writeBytes(longValue.getBytes());
        out.writeBytes(new byte[] {5, 0});
        out.writeBytes("EMPTY".getBytes());
        Map<String, String> decoded = ParamsParser.decode(out.toByteArray());
        assertEquals(Map.of("A", "xy", "LONG", longValue, "EMPTY", ""), decoded);

        ByteArrayOutputStream lengths = new ByteArrayOutputStream();
        FcgiGenerator.writeLength(lengths, 127);
        FcgiGenerator.writeLength(lengths, 128);
        assertArrayEquals(new byte[] {127, (byte) 0x80, 0, 0, (byte) 128}, lengths.toByteArray());
    }

    @Test
    void badNameValueLengthsAreRejected() {
        assertThrows(FcgiProtocolException.class, () -> ParamsParser.decode(new byte[] {5, 5, 'a'}));
        assertThrows(FcgiProtocolException.class, () -> ParamsParser.decode(new byte[] {(byte) 0x80, 0}));
        assertThrows(FcgiProtocolException.class, () -> ParamsParser.decode(new byte[] {1}));
        assertThrows(FcgiProtocolException.class,
                () -> ParamsParser.decode(new byte[] {(byte) 0xFF, -1, -1, -1, (byte) 0xFF, -1, -1, -1, 'a'}));
    }

    @Test
    void paramsStreamIsCapped() throws FcgiProtocolException {
        ParamsParser p = new ParamsParser(10);
        p.accept(new byte[6]);
        assertThrows(FcgiProtocolException.class, () -> p.accept(new byte[5]));
        StreamContentParser s = new StreamContentParser("STDIN", 4);
        s.accept(new byte[4]);
        assertThrows(FcgiProtocolException.class, () -> s.accept(new byte[1]));
    }

    @Test
    void stdoutIsSplitAt65535WithPadding() {
        byte[] body = new byte[65535 + 10];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        List<ByteBuffer[]> units = generator.response(7, body, 0);
        assertEquals(2, units.size());
        ByteBuffer all = ByteBuffer.wrap(bytes(units));
        // first record: full 65535 bytes, padded by 1 to 65536
        assertArrayEquals(new byte[] {1, 6, 0, 7, (byte) 0xFF, (byte) 0xFF, 1, 0}, next(all, 8));
        assertArrayEquals(java.util.Arrays.copyOfRange(body, 0, 65535), next(all, 65535));
        assertArrayEquals(new byte[1], next(all, 1));
        // second record: 10 bytes padded by 6
        assertArrayEquals(new byte[] {1, 6, 0, 7, 0, 10, 6, 0}, next(all, 8));
        assertArrayEquals(java.util.Arrays.copyOfRange(body, 65535, body.length), next(all, 10));
        assertArrayEquals(new byte[6], next(all, 6));
        // end of stream, then END_REQUEST
        assertArrayEquals(new byte[] {1, 6, 0, 7, 0, 0, 0, 0}, next(all, 8));
        assertArrayEquals(new byte[] {1, 3, 0, 7, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, next(all, 16));
        assertEquals(0, all.remaining());
    }

    @Test
    void headAndBodyAreRecordSlicesAcrossTheSplit() {
        // head content 100 bytes (after the 8 reserved for the first record header), body such
        // that the 65535-byte boundary falls inside the body
        byte[] head = new byte[8 + 100];
        for (int i = 8; i < head.length; i++) head[i] = (byte) (200 + i);
        byte[] body = new byte[65535 - 100 + 21];
        for (int i = 0; i < body.length; i++) body[i] = (byte) (i * 7);
        List<ByteBuffer[]> units = generator.response(9, head, body, 0);
        assertEquals(2, units.size());
        assertEquals(3, units.get(0).length, "header + head slice, body slice, padding");
        assertSame(body, units.get(0)[1].array(), "the body is sent from its own array, not a copy");
        byte[] stream = concat(java.util.Arrays.copyOfRange(head, 8, head.length), body);
        ByteBuffer all = ByteBuffer.wrap(bytes(units));
        assertArrayEquals(new byte[] {1, 6, 0, 9, (byte) 0xFF, (byte) 0xFF, 1, 0}, next(all, 8));
        assertArrayEquals(java.util.Arrays.copyOfRange(stream, 0, 65535), next(all, 65535));
        assertArrayEquals(new byte[1], next(all, 1));
        assertArrayEquals(new byte[] {1, 6, 0, 9, 0, 21, 3, 0}, next(all, 8));
        assertArrayEquals(java.util.Arrays.copyOfRange(stream, 65535, stream.length), next(all, 21));
        assertArrayEquals(new byte[3], next(all, 3));
        assertArrayEquals(new byte[] {1, 6, 0, 9, 0, 0, 0, 0}, next(all, 8));
        assertArrayEquals(new byte[] {1, 3, 0, 9, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, next(all, 16));
        assertEquals(0, all.remaining());
    }

    @Test
    void smallResponseIsOneUnitOfThreeBuffers() {
        byte[] head = new byte[8 + 5];
        byte[] body = {1, 2, 3};
        List<ByteBuffer[]> units = generator.response(2, head, body, 0);
        assertEquals(1, units.size());
        assertEquals(3, units.get(0).length);
        byte[] all = bytes(units);
        // 8 content bytes: no padding; then end of stream and END_REQUEST
        assertEquals(8 + 8 + 8 + 16, all.length);
        assertArrayEquals(new byte[] {1, 6, 0, 2, 0, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3}, java.util.Arrays.copyOf(all, 16));
    }

    @Test
    void exactMultipleNeedsNoPadding() {
        byte[] all = bytes(generator.response(1, new byte[16], 0));
        assertEquals(8 + 16 + 8 + 16, all.length);
        assertArrayEquals(new byte[] {1, 6, 0, 1, 0, 16, 0, 0}, java.util.Arrays.copyOf(all, 8));
    }

    @Test
    void endRequestBytes() {
        assertArrayEquals(new byte[] {1, 3, 1, 2, 0, 8, 0, 0, 0x01, 0x02, 0x03, 0x04, 3, 0, 0, 0},
                bytes(generator.endRequest(0x102, 0x01020304, Fcgi.UNKNOWN_ROLE)));
    }

    @Test
    void stderrIsAClosedStream() {
        assertArrayEquals(new byte[] {1, 7, 0, 3, 0, 2, 6, 0, 'h', 'i', 0, 0, 0, 0, 0, 0, 1, 7, 0, 3, 0, 0, 0, 0},
                bytes(generator.stderr(3, "hi".getBytes())));
    }

    @Test
    void getValuesResultAndUnknownType() throws FcgiProtocolException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("FCGI_MPXS_CONNS", "1");
        byte[] b = bytes(generator.getValuesResult(values));
        // 2 length bytes + 15 + 1 = 18 content bytes, padded by 6
        assertArrayEquals(new byte[] {1, 10, 0, 0, 0, 18, 6, 0, 15, 1}, java.util.Arrays.copyOf(b, 10));
        assertEquals(8 + 18 + 6, b.length);
        assertEquals(values, ParamsParser.decode(java.util.Arrays.copyOfRange(b, 8, 26)));
        assertArrayEquals(new byte[] {1, 11, 0, 0, 0, 8, 0, 0, 42, 0, 0, 0, 0, 0, 0, 0}, bytes(generator.unknownType(42)));
    }

    /** Records the parser's events as text. */
    private static final class Events implements FcgiParser.Listener {
        final List<String> seen = new ArrayList<>();

        @Override
        public boolean onBeginRequest(int id, int role, boolean keepConn) {
            seen.add("begin " + id + " role " + role + " keep " + keepConn);
            return role == Fcgi.RESPONDER;
        }

        @Override
        public void onRequest(int id, Map<String, String> params, byte[] stdin) {
            seen.add("request " + id + " " + params + " " + new String(stdin));
        }

        @Override
        public void onAbortRequest(int id) { seen.add("abort " + id); }

        @Override
        public void onGetValues(Map<String, String> query) { seen.add("values " + query.keySet()); }

        @Override
        public void onUnknownType(int type) { seen.add("unknown " + type); }
    }

    private static List<String> parse(byte[]... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            out.writeBytes(r);
        }
        Events events = new Events();
        new FcgiParser(new ByteArrayInputStream(out.toByteArray()), events, FcgiLimits.DEFAULT).run();
        return events.seen;
    }

    @Test
    void parserAssemblesInterleavedRequestsAndSplitPairs() throws IOException {
        Map<String, String> two = new LinkedHashMap<>();
        two.put("REQUEST_URI", "/two");
        two.put("CONTENT_LENGTH", "2");
        byte[] pairs = RawFcgiClient.nameValues(two);
        List<String> seen = parse(
                RawFcgiClient.begin(1, Fcgi.RESPONDER, true),
                RawFcgiClient.begin(2, Fcgi.RESPONDER, false),
                RawFcgiClient.record(Fcgi.PARAMS, 2, java.util.Arrays.copyOf(pairs, 5)),
                RawFcgiClient.record(Fcgi.PARAMS, 1, RawFcgiClient.nameValues(Map.of("CONTENT_LENGTH", "2"))),
                RawFcgiClient.record(Fcgi.PARAMS, 2, java.util.Arrays.copyOfRange(pairs, 5, pairs.length)),
                RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]),
                RawFcgiClient.record(Fcgi.PARAMS, 2, new byte[0]),
                RawFcgiClient.record(Fcgi.STDIN, 2, "b2".getBytes()),
                RawFcgiClient.record(Fcgi.STDIN, 1, "b1".getBytes()),
                RawFcgiClient.record(Fcgi.STDIN, 1, new byte[0]),
                RawFcgiClient.record(Fcgi.GET_VALUES, 0, RawFcgiClient.nameValues(Map.of("FCGI_MAX_REQS", ""))),
                RawFcgiClient.record(Fcgi.STDIN, 2, new byte[0]),
                RawFcgiClient.record(99, 0, new byte[0]),
                RawFcgiClient.begin(3, 3, true),
                RawFcgiClient.record(Fcgi.PARAMS, 3, new byte[0]),
                RawFcgiClient.record(Fcgi.ABORT_REQUEST, 4, new byte[0]));
        assertEquals(List.of("begin 1 role 1 keep true", "begin 2 role 1 keep false",
                "request 1 {CONTENT_LENGTH=2} b1", "values [FCGI_MAX_REQS]", "request 2 {REQUEST_URI=/two, CONTENT_LENGTH=2} b2",
                "unknown 99", "begin 3 role 3 keep true", "abort 4"), seen);
    }

    @Test
    void requestWithoutBodyIsDispatchedAtTheEndOfParams() throws IOException {
        List<String> seen = parse(
                RawFcgiClient.begin(1, Fcgi.RESPONDER, true),
                RawFcgiClient.record(Fcgi.PARAMS, 1, RawFcgiClient.nameValues(Map.of("REQUEST_URI", "/a"))),
                RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]),
                // a client that sends no STDIN for a bodiless request may reuse the id at once
                RawFcgiClient.begin(1, Fcgi.RESPONDER, true),
                RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]),
                RawFcgiClient.record(Fcgi.STDIN, 1, new byte[0]));
        assertEquals(List.of("begin 1 role 1 keep true", "request 1 {REQUEST_URI=/a} ", "begin 1 role 1 keep true",
                "request 1 {} "), seen);
        assertProtocolError("unknown request 1", RawFcgiClient.begin(1, Fcgi.RESPONDER, true),
                RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]), RawFcgiClient.record(Fcgi.STDIN, 1, new byte[0]),
                RawFcgiClient.record(Fcgi.STDIN, 1, new byte[0]));
    }

    @Test
    void inputHeldForUnfinishedRequestsIsCappedPerConnection() throws IOException {
        FcgiLimits small = new FcgiLimits(1, 10, 20, 20);
        byte[] params = RawFcgiClient.nameValues(Map.of("CONTENT_LENGTH", "15"));
        assertEquals(18, params.length);
        byte[] first = concat(RawFcgiClient.begin(1, Fcgi.RESPONDER, true), RawFcgiClient.record(Fcgi.PARAMS, 1, params),
                RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]), RawFcgiClient.record(Fcgi.STDIN, 1, new byte[15]));
        byte[] second = concat(RawFcgiClient.begin(2, Fcgi.RESPONDER, true), RawFcgiClient.record(Fcgi.PARAMS, 2, params));
        // finished requests release what they held
        Events events = new Events();
        new FcgiParser(new ByteArrayInputStream(concat(first, RawFcgiClient.record(Fcgi.STDIN, 1, new byte[0]), second)),
                events, small).run();
        assertEquals(List.of("begin 1 role 1 keep true", "request 1 {CONTENT_LENGTH=15} " + "\0".repeat(15), "begin 2 role 1 keep true"), events.seen);
        FcgiProtocolException e = assertThrows(FcgiProtocolException.class,
                () -> new FcgiParser(new ByteArrayInputStream(concat(first, second)), new Events(), small).run());
        assertTrue(e.getMessage().contains("unfinished requests hold more than 40 bytes"), e.getMessage());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void parserRejectsMalformedInput() {
        byte[] begin = RawFcgiClient.begin(1, Fcgi.RESPONDER, true);
        assertProtocolError("truncated record header", java.util.Arrays.copyOf(begin, 5));
        assertProtocolError("truncated BEGIN_REQUEST", java.util.Arrays.copyOf(begin, 12));
        assertProtocolError("already active", begin, begin);
        assertProtocolError("unknown request 5", RawFcgiClient.record(Fcgi.STDIN, 5, new byte[0]));
        assertProtocolError("before the end of its PARAMS", begin, RawFcgiClient.record(Fcgi.STDIN, 1, new byte[0]));
        assertProtocolError("after the end of the PARAMS", begin,
                RawFcgiClient.record(Fcgi.PARAMS, 1, RawFcgiClient.nameValues(Map.of("CONTENT_LENGTH", "1"))),
                RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]), RawFcgiClient.record(Fcgi.PARAMS, 1, new byte[0]));
        assertProtocolError("expected 8", RawFcgiClient.record(Fcgi.BEGIN_REQUEST, 1, new byte[3]));
        assertProtocolError("unexpected STDOUT", RawFcgiClient.record(Fcgi.STDOUT, 1, new byte[0]));
    }

    private static void assertProtocolError(String expected, byte[]... records) {
        FcgiProtocolException e = assertThrows(FcgiProtocolException.class, () -> parse(records));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] next(ByteBuffer b, int n) {
        byte[] a = new byte[n];
        b.get(a);
        return a;
    }
}
