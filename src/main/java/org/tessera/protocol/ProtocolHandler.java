package org.tessera.protocol;

import org.tessera.http.HttpResponse;

/**
 * One of the path-style protocols iipsrv runs as a command (IIIF=, DeepZoom=, Zoomify=):
 * given the command's raw argument (not yet percent-decoded) it answers the whole request.
 * Throws {@link org.tessera.http.HttpError} for client errors.
 */
public interface ProtocolHandler {
    HttpResponse handle(String argument, ProtocolContext context);
}
