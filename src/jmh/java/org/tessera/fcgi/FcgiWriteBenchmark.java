package org.tessera.fcgi;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tessera.http.Header;
import org.tessera.http.HttpResponse;

/**
 * The FastCGI output path of one tile response: CGI head bytes plus the record units that slice
 * the body (what FcgiConnection writes), against the former whole-response copy. Run with
 * {@code -prof gc} to see the bytes allocated per response.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FcgiWriteBenchmark {
    @Param({"50000", "200000"})
    int bodyBytes;

    private HttpResponse response;
    private final FcgiGenerator generator = new FcgiGenerator();

    @Setup
    public void setUp() {
        response = new HttpResponse(200, List.of(
                new Header("Server", "Tessera/0.1"), new Header("X-Powered-By", "IIPImage"),
                new Header("Content-Type", "image/jpeg"), new Header("Last-Modified", "Tue, 01 Dec 2026 12:00:00 GMT"),
                new Header("Cache-Control", "max-age=86400"), new Header("Content-Length", Integer.toString(bodyBytes))),
                new byte[bodyBytes]);
    }

    /** Head encoded once, body sliced into records: no copy of the body. */
    @Benchmark
    public List<ByteBuffer[]> slices() {
        return generator.response(1, CgiResponseWriter.head(response, Fcgi.HEADER_LENGTH), response.body(), 0);
    }

    /** The whole CGI response copied into one array first, then framed (the earlier path). */
    @Benchmark
    public List<ByteBuffer[]> copied() {
        return generator.response(1, CgiResponseWriter.toCgi(response, false), 0);
    }
}
