package org.tessera.protocol.iiif;

import org.tessera.http.HttpError;
import org.tessera.request.Rotation;

/** IIIF rotation: optional '!' (mirror first), then 0..360 degrees clockwise, decimals allowed. */
final class RotationParser {
    private RotationParser() {
    }

    static Rotation parse(String token) {
        boolean mirror = token.startsWith("!");
        String number = mirror ? token.substring(1) : token;
        double degrees = Numbers.decimal(number, "rotation");
        if (degrees > 360) throw HttpError.badRequest("IIIF: rotation must be between 0 and 360 degrees");
        return new Rotation(degrees, mirror);
    }

    static String canonical(Rotation r) {
        return (r.mirror() ? "!" : "") + Numbers.plain(r.degrees());
    }
}
