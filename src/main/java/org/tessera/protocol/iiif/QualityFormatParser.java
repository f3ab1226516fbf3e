package org.tessera.protocol.iiif;

import java.util.Locale;
import java.util.Set;
import org.tessera.http.HttpError;
import org.tessera.format.OutputFormat;
import org.tessera.format.OutputFormats;
import org.tessera.request.Processing;
import org.tessera.request.Quality;

/**
 * The last segment, {quality}.{format}. Unknown words are malformed (400); formats the spec
 * defines but this server cannot produce (jp2, pdf, or webp/avif without a codec) are valid
 * requests that are not implemented (501), as the 3.0 status code table prescribes.
 */
final class QualityFormatParser {
    private static final Set<String> SPEC_FORMATS_NOT_PRODUCED = Set.of("jp2", "pdf");

    /** iipsrv's extra qualities (IIIF_EXTENSIONS=1), in the order its info.json lists them. */
    static final java.util.List<String> EXTENSIONS = java.util.List.of("negative", "stretch", "equalization", "log");

    /** @param processing what an extension quality asks for; NONE for the standard qualities */
    record QualityFormat(Quality quality, OutputFormat format, Processing processing, String qualityWord) {
    }

    private QualityFormatParser() {
    }

    static QualityFormat parse(String token, IiifVersion version, OutputFormats available) {
        return parse(token, version, available, false);
    }

    /** @param extensions whether IIIF_EXTENSIONS enables negative, stretch, equalization and log */
    static QualityFormat parse(String token, IiifVersion version, OutputFormats available, boolean extensions) {
        int q = token.indexOf('?'); // cache-busting suffixes such as "default.jpg?t=123" (iipsrv #145)
        String s = q < 0 ? token : token.substring(0, q);
        int dot = s.lastIndexOf('.');
        String qualityWord = (dot < 0 ? s : s.substring(0, dot)).toLowerCase(Locale.ROOT);
        // No extension: jpg, as iipsrv (1.x-era clients omit it).
        String ext = dot < 0 ? "jpg" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (extensions && EXTENSIONS.contains(qualityWord)) {
            Processing p = switch (qualityWord) {
                case "negative" -> Processing.NONE.withInvert(true);
                case "stretch" -> Processing.NONE.withContrastMode(Processing.ContrastMode.STRETCH);
                case "equalization" -> Processing.NONE.withContrastMode(Processing.ContrastMode.EQUALIZE);
                default -> Processing.NONE.withLogarithm();
            };
            return new QualityFormat(Quality.DEFAULT, format(ext, available), p, qualityWord);
        }
        Quality quality = quality(qualityWord, version);
        return new QualityFormat(quality, format(ext, available), Processing.NONE, canonicalQuality(quality));
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
