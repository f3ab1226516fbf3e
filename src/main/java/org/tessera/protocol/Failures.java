package org.tessera.protocol;

import java.util.List;
import org.tessera.error.CorruptImageException;
import org.tessera.error.ImageException;
import org.tessera.error.InvalidRequestException;
import org.tessera.error.NotFoundException;
import org.tessera.error.OverloadedException;
import org.tessera.error.UnsupportedImageException;
import org.tessera.http.Header;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;

/**
 * The one place where the engine's failures become HTTP: each kind of {@link ImageException} has
 * one status, whichever protocol was asked, and a 503 tells the client when to retry.
 */
public final class Failures {
    private Failures() {
    }

    public static int status(ImageException e) {
        return switch (e) {
            case NotFoundException n -> 404;
            case InvalidRequestException i -> 400;
            case UnsupportedImageException u -> 501;
            case CorruptImageException c -> 500;
            case OverloadedException o -> 503;
        };
    }

    /** The text/plain error response for a protocol's own {@link HttpError} or an engine failure. */
    public static HttpResponse response(Responses responses, RuntimeException e) {
        if (e instanceof OverloadedException o) {
            return responses.error(503, o.getMessage())
                    .withHeaders(List.of(new Header("Retry-After", Integer.toString(o.retryAfterSeconds()))));
        }
        if (e instanceof ImageException i) return responses.error(status(i), i.getMessage());
        if (e instanceof HttpError h) return responses.error(h);
        throw new IllegalArgumentException("not a request failure: " + e.getClass().getName(), e);
    }
}
