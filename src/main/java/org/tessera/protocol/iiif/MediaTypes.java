package org.tessera.protocol.iiif;

import java.util.Locale;
import java.util.Optional;

/**
 * Content negotiation for info.json between application/ld+json and application/json. 3.0: JSON-LD
 * unless the client prefers plain JSON. 2.1: plain JSON unless the client asks for JSON-LD (the
 * 2.1 text says so; iipsrv always sent JSON-LD).
 */
final class MediaTypes {
    private MediaTypes() {
    }

    static String infoContentType(IiifVersion version, Optional<String> accept) {
        double ld = quality(accept, "application/ld+json");
        double json = quality(accept, "application/json");
        String jsonLd = "application/ld+json;profile=\"" + version.context() + "\"";
        if (version == IiifVersion.V3) return json > ld ? "application/json" : jsonLd;
        return ld > 0 && ld >= json ? jsonLd : "application/json";
    }

    /** The q value the Accept header gives this exact media type; 0 when not named. */
    static double quality(Optional<String> accept, String type) {
        if (accept.isEmpty()) return 0;
        double best = 0;
        for (String range : accept.get().split(",")) {
            String[] params = range.split(";");
            if (!params[0].trim().toLowerCase(Locale.ROOT).equals(type)) continue;
            double q = 1;
            for (int p = 1; p < params.length; p++) {
                String kv = params[p].trim();
                if (kv.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(kv.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            best = Math.max(best, q);
        }
        return best;
    }
}
