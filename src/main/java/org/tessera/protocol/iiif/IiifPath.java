package org.tessera.protocol.iiif;

import java.util.Locale;
import java.util.Set;
import org.tessera.http.HttpError;

/**
 * A IIIF argument split into its parts, parsed from the right so a raw identifier may itself
 * contain '/'. Nothing is decoded here: {@code rawIdentifier} is exactly as the client sent it.
 */
public record IiifPath(Kind kind, String rawIdentifier, String region, String size, String rotation, String qualityFormat) {

    public enum Kind { BASE, INFO, IMAGE }

    static final String SYNTAX = "IIIF syntax is {identifier}/{region}/{size}/{rotation}/{quality}.{format}";
    private static final Set<String> QUALITY_WORDS = Set.of("default", "color", "colour", "gray", "grey", "bitonal", "native");

    public static IiifPath parse(String raw) {
        String arg = raw;
        while (arg.endsWith("/")) arg = arg.substring(0, arg.length() - 1);
        if (arg.isEmpty()) throw HttpError.badRequest("IIIF: missing identifier; " + SYNTAX);
        // a raw control character cannot be part of a URI; echoed into a Location header it would split it
        if (arg.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) throw HttpError.badRequest("IIIF: control character in the request");
        int last = arg.lastIndexOf('/');
        if (last < 0) return new IiifPath(Kind.BASE, arg, null, null, null, null);
        String tail = arg.substring(last + 1);
        if (tail.equals("info.json")) {
            String id = arg.substring(0, last);
            if (id.isEmpty()) throw HttpError.badRequest("IIIF: missing identifier before info.json");
            return new IiifPath(Kind.INFO, id, null, null, null, null);
        }
        String[] parts = arg.split("/", -1);
        if (parts.length < 5) {
            // A raw slash in a bare identifier ("folder/img.tif") is a base URI, not a short image request;
            // only a last segment that reads like quality.format means "parameters are missing".
            if (looksLikeQuality(tail)) throw HttpError.badRequest("IIIF: too few parameters; " + SYNTAX);
            return new IiifPath(Kind.BASE, arg, null, null, null, null);
        }
        int n = parts.length;
        String id = String.join("/", java.util.Arrays.copyOfRange(parts, 0, n - 4));
        if (id.isEmpty()) throw HttpError.badRequest("IIIF: missing identifier; " + SYNTAX);
        return new IiifPath(Kind.IMAGE, id, parts[n - 4], parts[n - 3], parts[n - 2], parts[n - 1]);
    }

    private static boolean looksLikeQuality(String segment) {
        int q = segment.indexOf('?');
        String s = q < 0 ? segment : segment.substring(0, q);
        int dot = s.lastIndexOf('.');
        String quality = (dot < 0 ? s : s.substring(0, dot)).toLowerCase(Locale.ROOT);
        return QUALITY_WORDS.contains(quality);
    }
}
