package org.tessera.fcgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.http.Header;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;

class CgiMappingTest {

    @Test
    void mapsCgiVariablesToARequest() {
        HttpRequest r = CgiRequests.toHttpRequest(Map.of(
                "REQUEST_METHOD", "post", "REQUEST_URI", "/iipsrv?FIF=a.tif&CVT=jpeg", "QUERY_STRING", "FIF=a.tif&CVT=jpeg",
                "SCRIPT_NAME", "/iipsrv", "HTTPS", "on", "HTTP_HOST", "img.example.org",
                "HTTP_IF_MODIFIED_SINCE", "Tue, 02 Jan 2024 10:00:00 GMT", "HTTP_X_FORWARDED_PROTO", "https",
                "CONTENT_TYPE", "text/plain", "CONTENT_LENGTH", "3"), "abc".getBytes());
        assertEquals("POST", r.method());
        assertEquals("/iipsrv?FIF=a.tif&CVT=jpeg", r.requestUri());
        assertEquals("FIF=a.tif&CVT=jpeg", r.queryString());
        assertEquals("https", r.scheme());
        assertEquals("img.example.org", r.host());
        assertEquals("/iipsrv", r.scriptName());
        assertEquals(Map.of("host", "img.example.org", "if-modified-since", "Tue, 02 Jan 2024 10:00:00 GMT",
                "x-forwarded-proto", "https", "content-type", "text/plain", "content-length", "3"), r.headers());
        assertArrayEquals("abc".getBytes(), r.body());
    }

    @Test
    void rebuildsTheUriAndHostWhenAbsent() {
        HttpRequest r = CgiRequests.toHttpRequest(Map.of("SCRIPT_NAME", "/fcgi-bin/iipsrv.fcgi", "PATH_INFO", "/x",
                "QUERY_STRING", "IIIF=a", "HTTPS", "off", "SERVER_NAME", "host.local", "SERVER_PORT", "8080"), new byte[0]);
        assertEquals("GET", r.method());
        assertEquals("/fcgi-bin/iipsrv.fcgi/x?IIIF=a", r.requestUri());
        assertEquals("http", r.scheme());
        assertEquals("host.local:8080", r.host());

        HttpRequest plain = CgiRequests.toHttpRequest(Map.of("SCRIPT_NAME", "/s", "REQUEST_SCHEME", "https",
                "SERVER_NAME", "h", "SERVER_PORT", "443"), new byte[0]);
        assertEquals("/s", plain.requestUri());
        assertEquals("https", plain.scheme());
        assertEquals("h", plain.host());
    }

    @Test
    void writesCgiResponses() {
        HttpResponse response = new HttpResponse(404, List.of(new Header("Content-Type", "text/plain"),
                new Header("Content-Length", "9")), "not found".getBytes(StandardCharsets.UTF_8));
        assertEquals("Status: 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found",
                new String(CgiResponseWriter.toCgi(response, false), StandardCharsets.UTF_8));
        assertEquals("Status: 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\n",
                new String(CgiResponseWriter.toCgi(response, true), StandardCharsets.UTF_8));
    }
}
