package org.tessera.protocol.iiif;

import java.util.Locale;
import java.util.Set;
import org.tessera.http.HttpError;
import org.tessera.format.OutputFormat;
import org.tessera.format.OutputFormats;
import org.tessera.request.Quality;

/**
 * The last segment, {quality}.{format}. Unknown words are malformed (400); formats the spec
 * defines but this server cannot produce (jp2, pdf, or webp/avif without a codec) are valid
 * requests that are not implemented (501), as the 3.0 status code table prescribes.
 */
final class QualityFormatParser {
    private static final Set<String> SPEC_FORMATS_NOT_PRODUCED = Set.of("jp2", "pdf");

    record QualityFormat(Quality quality, OutputFormat format) {
    }

    private QualityFormatParser() {
    }

    static QualityFormat parse(String token, IiifVersion version, OutputFormats available) {
        int q = token.indexOf('?'); // cache-busting suffixes such as "default.jpg?t=123" (iipsrv #145)
        String s = q < 0 ? token : token.substring(0, q);
        int dot = s.lastIndexOf('.');
        String qualityWord = (dot < 0 ? s : s.substring(0, dot)).toLowerCase(Locale.ROOT);
        // No extension: jpg, as iipsrv (1.x-era clients omit it).
        String ext = dot < 0 ? "jpg" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
        Quality quality = quality(qualityWord, version);
        return new QualityFormat(quality, format(ext, available));
    }

    private static Quality quality(String word, IiifVersion version) {
        return switch (word) {
            case "default" -> Quality.DEFAULT;
            case "color" -> Quality.COLOR;
            case "gray", "grey" -> Quality.GRAY;
            case "bitonal" -> Quality.BITONAL;
            case "native" -> {
                if (version == IiifVersion.V3) throw HttpError.badRequest("IIIF: quality 'native' is not valid in Image API 3; use 'default'");
                yield Quality.DEFAULT;
            }
            default -> throw HttpError.badRequest("IIIF: unsupported quality '" + word + "'");
        };
    }

    private static OutputFormat format(String ext, OutputFormats available) {
        // IIIF names a format by its extension only: "jpeg" or "tiff" are not IIIF formats
        OutputFormat f = OutputFormat.fromExtension(ext).orElse(null);
        if (f == null) {
            if (SPEC_FORMATS_NOT_PRODUCED.contains(ext)) throw HttpError.notImplemented("IIIF: output format '" + ext + "' is not supported");
            throw HttpError.badRequest("IIIF: unknown output format '" + ext + "'");
        }
        if (!available.contains(f)) throw HttpError.notImplemented("IIIF: output format '" + ext + "' is not supported");
        return f;
    }

    static String canonicalQuality(Quality q) {
        return switch (q) {
            case DEFAULT -> "default";
            case COLOR -> "color";
            case GRAY -> "gray";
            case BITONAL -> "bitonal";
        };
    }
}
