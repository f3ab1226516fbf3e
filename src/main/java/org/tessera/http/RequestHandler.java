package org.tessera.http;

/**
 * The one entry point every transport calls. Must not throw: failures become error responses.
 * Called concurrently from many (virtual) threads.
 */
@FunctionalInterface
public interface RequestHandler {
    HttpResponse handle(HttpRequest request);
}
