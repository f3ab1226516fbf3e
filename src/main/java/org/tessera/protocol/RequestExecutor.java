package org.tessera.protocol;

import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;

/** Runs one IIP-style request string (commands and the protocols they delegate to) into a response. */
@FunctionalInterface
public interface RequestExecutor {
    HttpResponse execute(HttpRequest http, String requestString);
}
