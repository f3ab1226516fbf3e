package org.tessera.protocol.iiif;

import org.tessera.protocol.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.Config;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PyramidGeometry;
import org.tessera.format.OutputFormat;
import org.tessera.format.OutputFormats;

/**
 * Writes info.json for 3.0 and 2.1 in iipsrv's field order and layout, but as valid,
 * spec-correct JSON: every string escaped, limits omitted when unlimited, sizes within the limits.
 */
final class InfoJson {
    private static final Logger LOG = LoggerFactory.getLogger(InfoJson.class);
    private static final Pattern HTTP_URI = Pattern.compile("^https?://[^\\s\"<>]+$");

    private final Config config;
    private final OutputFormats formats;

    InfoJson(Config config, OutputFormats formats) {
        this.config = config;
        this.formats = formats;
    }

    String render(IiifVersion v, String id, ImageInfo info) {
        String doc = render(v, id, info, true);
        try {
            Json.parse(doc);
            return doc;
        } catch (IllegalArgumentException e) {
            // Only IIIF_EXTRA_INFO can make it invalid, e.g. by repeating a key we already write.
            LOG.warn("IIIF_EXTRA_INFO clashes with info.json and is ignored ({})", e.getMessage());
            return render(v, id, info, false);
        }
    }

    private String render(IiifVersion v, String id, ImageInfo info, boolean withExtra) {
        SizeLimits limits = SizeLimits.of(config);
        int maxW = limits.maxWidth();
        StringBuilder b = new StringBuilder(1024);
        b.append("{\n");
        field(b, "@context", Json.quote(v.context()));
        field(b, "protocol", Json.quote("http://iiif.io/api/image"));
        field(b, "width", Integer.toString(info.width()));
        field(b, "height", Integer.toString(info.height()));
        sizes(b, info, limits);
        tiles(b, info, v);
        if (v == IiifVersion.V3) {
            field(b, "id", Json.quote(id));
            field(b, "type", Json.quote("ImageService3"));
            field(b, "profile", Json.quote("level2"));
            if (limits.widthDeclared()) {
                field(b, "maxWidth", Integer.toString(maxW));
                field(b, "maxHeight", Integer.toString(limits.maxHeight()));
            }
            if (limits.areaDeclared()) field(b, "maxArea", Long.toString(limits.maxArea()));
            field(b, "extraQualities", list(qualities(info, false)));
            List<String> extra = formatNames().stream().filter(f -> !f.equals("jpg") && !f.equals("png")).toList();
            if (!extra.isEmpty()) field(b, "extraFormats", list(extra));
            field(b, "extraFeatures", list(features(v)));
            String rights = rights(info);
            if (rights != null) {
                if (HTTP_URI.matcher(rights).matches()) field(b, "rights", Json.quote(rights));
                else LOG.debug("rights value is not a URI; 3.0 'rights' must be one, so it is left out");
            }
        } else {
            field(b, "@id", Json.quote(id));
            StringBuilder p = new StringBuilder();
            p.append("[\n     ").append(Json.quote(v.level2Profile())).append(",\n");
            p.append("     { \"formats\" : ").append(list(formatNames())).append(",\n");
            p.append("       \"qualities\" : ").append(list(qualities(info, true))).append(",\n");
            p.append("       \"supports\" : ").append(list(features(v)));
            if (limits.widthDeclared()) {
                p.append(",\n       \"maxWidth\" : ").append(maxW);
                p.append(",\n       \"maxHeight\" : ").append(limits.maxHeight());
            }
            if (limits.areaDeclared()) p.append(",\n       \"maxArea\" : ").append(limits.maxArea());
            p.append("\n     }\n  ]");
            field(b, "profile", p.toString());
            String rights = rights(info);
            if (rights != null) {
                // 2.1: license is a link; free text belongs in attribution.
                field(b, HTTP_URI.matcher(rights).matches() ? "license" : "attribution", Json.quote(rights));
            }
        }
        String extra = withExtra ? extraInfo() : null;
        if (extra != null) b.append("  ").append(extra).append(",\n");
        if (info.dpiX() > 0 && (extra == null || !extra.contains("\"service\""))) {
            String scale = new BigDecimal(1.0 / info.dpiX()).round(new MathContext(6)).stripTrailingZeros().toPlainString();
            // 3.0: every service has an id and a type; the fragment names it without promising a URL to fetch
            String head = v == IiifVersion.V3
                    ? "{ \"id\" : " + Json.quote(id + "#physdim") + ",\n       \"type\" : \"PhysicalDimensions\",\n"
                    : "{ \"@context\" : \"http://iiif.io/api/annex/services/physdim/1/context.json\",\n";
            field(b, "service", "[\n     " + head
                    + "       \"profile\" : \"http://iiif.io/api/annex/services/physdim\",\n"
                    + "       \"physicalScale\" : " + scale + ",\n"
                    + "       \"physicalUnits\" : \"in\" }\n  ]");
        }
        b.setLength(b.length() - 2); // the last ",\n"
        b.append("\n}\n");
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String jsonValue) {
        b.append("  ").append(Json.quote(name)).append(" : ").append(jsonValue).append(",\n");
    }

    /** Every stored level within the size limits, smallest first (OpenSeadragon needs one per level). */
    private void sizes(StringBuilder b, ImageInfo info, SizeLimits limits) {
        List<String> entries = new ArrayList<>();
        for (int k = info.levelCount() - 1; k >= 0; k--) {
            Level l = info.levels().get(k);
            if (!limits.allows(l.width(), l.height())) continue;
            entries.add("{ \"width\" : " + l.width() + ", \"height\" : " + l.height() + " }");
        }
        if (entries.isEmpty()) return;
        field(b, "sizes", "[\n     " + String.join(",\n     ", entries) + "\n  ]");
    }

    /** One entry per stored tile size, with the scale factors of the levels using it. */
    private static void tiles(StringBuilder b, ImageInfo info, IiifVersion v) {
        PyramidGeometry geometry = new PyramidGeometry(info);
        Map<List<Integer>, List<Integer>> bySize = new LinkedHashMap<>();
        for (int k = 0; k < info.levelCount(); k++) {
            Level l = info.levels().get(k);
            List<Integer> factors = bySize.computeIfAbsent(List.of(l.tileWidth(), l.tileHeight()), x -> new ArrayList<>());
            int f = geometry.scaleFactor(k);
            if (!factors.contains(f)) factors.add(f);
        }
        List<String> entries = new ArrayList<>();
        bySize.forEach((size, factors) -> entries.add("{ \"width\" : " + size.get(0) + ", \"height\" : " + size.get(1)
                + ", \"scaleFactors\" : [ " + factors.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")) + " ] }"));
        field(b, "tiles", "[\n     " + String.join(",\n     ", entries) + "\n  ]");
    }

    private List<String> formatNames() {
        return formats.inOrder().stream().map(OutputFormat::extension).toList();
    }

    private static List<String> qualities(ImageInfo info, boolean withDefault) {
        List<String> q = new ArrayList<>();
        if (withDefault) q.add("default");
        if (info.channels() >= 3) q.add("color");
        q.add("gray");
        q.add("bitonal");
        return q;
    }

    private List<String> features(IiifVersion v) {
        List<String> f = new ArrayList<>(List.of("baseUriRedirect", "canonicalLinkHeader"));
        if (config.corsEnabled()) f.add("cors"); // only when CORS is configured: the headers come from it
        f.addAll(List.of("jsonldMediaType", "mirroring", "profileLinkHeader", "regionByPct", "regionByPx", "regionSquare",
                "rotationArbitrary", "rotationBy90s"));
        if (v == IiifVersion.V2) {
            if (config.allowUpscaling()) f.add("sizeAboveFull");
            f.addAll(List.of("sizeByConfinedWh", "sizeByDistortedWh", "sizeByH", "sizeByPct", "sizeByW", "sizeByWh"));
        } else {
            f.addAll(List.of("sizeByConfinedWh", "sizeByH", "sizeByPct", "sizeByW", "sizeByWh"));
            if (config.allowUpscaling()) f.add("sizeUpscaling");
        }
        return f;
    }

    private String rights(ImageInfo info) {
        String r = info.metadata().get("rights");
        if (r == null || r.isBlank()) r = config.copyright();
        return r == null || r.isBlank() ? null : r.trim();
    }

    /** IIIF_EXTRA_INFO as object members ready to splice in, or null when empty or not valid JSON. */
    private String extraInfo() {
        String raw = config.iiifExtraInfo();
        if (raw == null || raw.isBlank()) return null;
        String members = raw.trim();
        if (members.startsWith("{") && members.endsWith("}")) members = members.substring(1, members.length() - 1).trim();
        while (members.endsWith(",")) members = members.substring(0, members.length() - 1).trim();
        while (members.startsWith(",")) members = members.substring(1).trim();
        if (members.isEmpty()) return null;
        try {
            Json.parse("{" + members + "}");
        } catch (IllegalArgumentException e) {
            LOG.warn("IIIF_EXTRA_INFO is not valid JSON object members and is ignored ({})", e.getMessage());
            return null;
        }
        return members;
    }

    private static String list(List<String> items) {
        return "[ " + items.stream().map(Json::quote).collect(Collectors.joining(", ")) + " ]";
    }
}
