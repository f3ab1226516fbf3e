package org.tessera.protocol.iip;

import org.tessera.protocol.Json;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;

/** Answers {@code OBJ=} queries with iipsrv's exact lines (§7.2). */
final class ObjectResponder {
    static final String SERVER_LINE = "IIP-server:3.65";
    /** iipsrv's optional commands, in its order; only those Tessera carries out are advertised. */
    private static final List<String> IIPSRV_OPT_COMM = List.of("CVT", "CNT", "QLT", "JTL", "JTLS", "WID", "HEI", "RGN",
            "MINMAX", "SHD", "CMP", "INV", "CTW");
    static final String OPT_COMM = "IIP-opt-comm:" + String.join(" ", IIPSRV_OPT_COMM.stream()
            .filter(c -> !IipProtocol.IGNORED_MODIFIERS.contains(c.toLowerCase(Locale.ROOT))).toList());
    static final String OPT_OBJ = "IIP-opt-obj:Horizontal-views Vertical-views Tile-size Bits-per-channel Min-Max-sample-values Resolutions";

    /** Metadata objects answered with the raw stored string. */
    private static final Set<String> METADATA_OBJECTS = Set.of("rights", "title", "description", "creator", "keywords",
            "comment", "last-author", "rev-number", "edit-time", "last-printed", "date", "last-save-dtm", "software",
            "make", "model", "scale", "xmp");

    private ObjectResponder() {
    }

    static void answer(String rawArgument, Session s) {
        String arg = rawArgument.toLowerCase(Locale.ROOT);
        if (arg.startsWith("iip,")) {
            s.protocolLine();
            return;
        }
        switch (arg) {
            case "iip-server" -> {
                s.addLine(SERVER_LINE);
                return;
            }
            case "iip-opt-comm" -> {
                s.addLine(OPT_COMM);
                return;
            }
            case "iip-opt-obj" -> {
                s.addLine(OPT_OBJ);
                return;
            }
            default -> {
            }
        }
        boolean known = arg.equals("basic-info") || arg.equals("max-size") || arg.equals("resolution-number")
                || arg.equals("tile-size") || arg.equals("bits-per-channel") || arg.equals("vertical-views")
                || arg.equals("horizontal-views") || arg.equals("min-max-sample-values") || arg.equals("resolutions")
                || arg.equals("dpi") || arg.contains("colorspace") || arg.equals("stack") || arg.equals("summary-info")
                || arg.equals("metadata") || METADATA_OBJECTS.contains(arg);
        if (!known) {
            s.addError(IipError.unknownObject(arg));
            return;
        }
        if (!s.hasImage()) {
            s.addError(IipError.noImage(arg));
            return;
        }
        ImageInfo info = s.info();
        if (arg.contains("colorspace")) {
            s.addLine(colorspace(info));
            return;
        }
        switch (arg) {
            case "basic-info" -> {
                s.addLine(SERVER_LINE);
                s.addLine(maxSize(info, s.view));
                s.addLine("Resolution-number:" + info.levelCount());
                s.addLine(colorspace(info));
            }
            case "max-size" -> s.addLine(maxSize(info, s.view));
            case "resolution-number" -> s.addLine("Resolution-number:" + info.levelCount());
            case "tile-size" -> s.addLine("Tile-size:" + info.fullLevel().tileWidth() + " " + info.fullLevel().tileHeight());
            case "bits-per-channel" -> s.addLine("Bits-per-channel:" + info.bitsPerSample());
            case "vertical-views" -> s.addLine("Vertical-views:90");
            case "horizontal-views" -> s.addLine(horizontalViews(info));
            case "min-max-sample-values" -> s.addLine(minMax(info));
            case "resolutions" -> s.addLine(resolutions(info));
            case "dpi" -> {
                if (info.dpiX() > 0 && info.dpiY() > 0) {
                    // iipsrv reports pixels per metre under this name.
                    s.addLine("DPI:" + CFormat.f(info.dpiX() / 0.0254) + " " + CFormat.f(info.dpiY() / 0.0254));
                }
            }
            case "stack" -> stack(info, s);
            case "summary-info" -> {
                s.contentType("text/plain");
                for (String key : new String[] {"rights", "description", "creator", "date", "software"}) {
                    String v = info.metadata().get(key);
                    if (v != null && !v.isEmpty()) s.addLine(v);
                }
            }
            case "metadata" -> {
                s.contentType("application/json");
                s.addLine(metadataJson(info.metadata()));
            }
            default -> {
                s.contentType(arg.equals("xmp") ? "application/xml" : "text/plain");
                String v = info.metadata().get(arg);
                if (v != null && !v.isEmpty()) s.addLine(v);
            }
        }
    }

    static String maxSize(ImageInfo info, View view) {
        int w = info.width(), h = info.height();
        int angle = view.rightAngle();
        if (angle == 90 || angle == 270) return "Max-size:" + h + " " + w;
        return "Max-size:" + w + " " + h;
    }

    static String colorspace(ImageInfo info) {
        String tail = switch (info.colourSpace()) {
            case GREY -> "0 0 1 1 0";
            case CIELAB -> "1 0 4 3 0 1 2";
            default -> "0 0 3 3 0 1 2"; // sRGB, and iipsrv's answer for binary and other spaces
        };
        return "Colorspace,0-" + (info.levelCount() - 1) + ",0:" + tail;
    }

    static String horizontalViews(ImageInfo info) {
        StringBuilder b = new StringBuilder("Horizontal-views:");
        int n = Math.max(1, info.pages());
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(' ');
            b.append(i);
        }
        return b.toString();
    }

    static String minMax(ImageInfo info) {
        StringBuilder b = new StringBuilder("Min-Max-sample-values:");
        for (int c = 0; c < info.channels(); c++) {
            double min = info.minValues() != null && c < info.minValues().length ? info.minValues()[c] : 0;
            double max = info.maxValues() != null && c < info.maxValues().length ? info.maxValues()[c]
                    : (1L << Math.min(32, info.bitsPerSample())) - 1;
            b.append(' ').append(CFormat.g9(min)).append(' ');
            b.append(' ').append(CFormat.g9(max)).append(' ');
        }
        if (b.charAt(b.length() - 1) == ' ') b.setLength(b.length() - 1);
        return b.toString();
    }

    static String resolutions(ImageInfo info) {
        StringBuilder b = new StringBuilder("Resolutions:");
        for (int i = info.levelCount() - 1; i >= 0; i--) {
            Level l = info.levels().get(i);
            b.append(l.width()).append(' ').append(l.height());
            if (i > 0) b.append(',');
        }
        return b.toString();
    }

    private static void stack(ImageInfo info, Session s) {
        if (info.pages() <= 1) return;
        s.contentType("application/json");
        // Page names and scales are not part of ImageInfo yet: ids only, with the page number as name.
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < info.pages(); i++) {
            if (i > 0) b.append(',');
            b.append("\n\t{\n\t\t\"id\": ").append(i).append(",\n\t\t\"name\": \"").append(i)
                    .append("\",\n\t\t\"scale\": 1\n\t}");
        }
        s.addLine(b.append("\n]").toString());
    }

    /** All metadata but the binary-ish icc/xmp, keys sorted, values JSON-escaped (iipsrv does not escape). */
    static String metadataJson(Map<String, String> metadata) {
        TreeMap<String, String> sorted = new TreeMap<>(metadata);
        sorted.remove("icc");
        sorted.remove("xmp");
        sorted.remove("exif");
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            b.append(first ? "\n" : ",\n").append("\t").append(Json.quote(e.getKey())).append(": ")
                    .append(Json.quote(e.getValue()));
            first = false;
        }
        return b.append(first ? "}" : "\n}").toString();
    }
}
