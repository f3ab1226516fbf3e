package org.tessera.protocol.iip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tessera.http.HttpError;
import org.tessera.pipeline.process.Convolution;
import org.tessera.protocol.PercentDecoding;
import org.tessera.request.Processing;

/**
 * The IIP processing modifiers (CNT, GAM, INV, CMP, CTW, CNV, SHD, MINMAX) parsed into the
 * request's {@link Processing}. iipsrv's syntax is kept; where iipsrv silently ignores a bad
 * value (an unknown colour map, a malformed matrix) Tessera answers 400 naming the command, so
 * no modifier is ever accepted and dropped.
 */
final class ProcessingCommands {
    /** Bounds the work a CTW matrix can ask for: output channels x input channels. */
    static final int MAX_TWIST_ENTRIES = 1024;

    private ProcessingCommands() {
    }

    /** Applies command {@code key} (lower case) with argument {@code value}; false when it is not a processing command. */
    static boolean apply(String key, String name, String value, View view) {
        Processing p = view.processing;
        view.processing = switch (key) {
            case "cnt" -> contrast(name, value, p);
            case "gam" -> gamma(name, value, p);
            case "inv" -> {
                if (value.isBlank()) throw HttpError.badRequest(name + ": a value is required (any, e.g. INV=1)");
                yield p.withInvert(true);
            }
            case "cmp" -> {
                try {
                    yield p.withColourMap(Processing.ColourMap.valueOf(value.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw HttpError.badRequest(name + ": unknown colour map '" + Args.shorten(value) + "' (hot, cold, jet, red, green, blue)");
                }
            }
            case "ctw" -> p.withTwist(twist(name, value));
            case "cnv" -> p.withKernel(kernel(name, value));
            case "shd" -> shading(name, value, p);
            case "minmax" -> p.withRange(range(name, value));
            default -> null;
        };
        if (view.processing == null) {
            view.processing = p;
            return false;
        }
        return true;
    }

    private static Processing contrast(String name, String value, Processing p) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "eq", "equalization", "equalisation" -> p.withContrastMode(Processing.ContrastMode.EQUALIZE);
            case "st", "stretch" -> p.withContrastMode(Processing.ContrastMode.STRETCH);
            default -> p.withContrast(finite(name, Args.decimal(name, value)));
        };
    }

    private static Processing gamma(String name, String value, Processing p) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "log", "logarithm" -> p.withLogarithm();
            default -> p.withGamma(finite(name, Args.decimal(name, value)));
        };
    }

    private static double finite(String name, double v) {
        if (!Double.isFinite(v)) throw HttpError.badRequest(name + ": value out of range");
        return v;
    }

    /** CTW=[a,b,c;d,e,f;...]: rows separated by ';', brackets optional, URL-encoded or not. */
    static double[][] twist(String name, String value) {
        String v = strip(PercentDecoding.queryValue(value));
        if (v.isEmpty()) throw HttpError.badRequest(name + ": empty matrix");
        String[] rows = v.split(";", -1);
        List<double[]> out = new ArrayList<>();
        int entries = 0;
        for (String row : rows) {
            String[] cells = row.split(",", -1);
            entries += cells.length;
            if (entries > MAX_TWIST_ENTRIES) throw HttpError.badRequest(name + ": matrix too large");
            double[] r = new double[cells.length];
            for (int i = 0; i < cells.length; i++) r[i] = finite(name, Args.decimal(name, cells[i]));
            out.add(r);
        }
        return out.toArray(double[][]::new);
    }

    /** CNV=name or CNV=[k...]: 1, 9 or 25 numbers (a square of odd side up to 5, as iipsrv); brackets optional. */
    static double[] kernel(String name, String value) {
        String v = strip(PercentDecoding.queryValue(value));
        var named = Convolution.named(v);
        if (named.isPresent()) return named.get();
        String[] cells = v.split(",", -1);
        if (cells.length != 1 && cells.length != 9 && cells.length != 25) {
            throw HttpError.badRequest(name + ": '" + Args.shorten(v) + "' is neither a kernel name ("
                    + String.join(", ", Convolution.NAMED.keySet().stream().sorted().toList()) + ") nor a square of 1, 9 or 25 numbers");
        }
        double[] k = new double[cells.length];
        for (int i = 0; i < cells.length; i++) k[i] = finite(name, Args.decimal(name, cells[i]));
        return k;
    }

    private static Processing shading(String name, String value, Processing p) {
        List<Integer> a = Args.integers(name, value);
        if (a.size() != 2) throw HttpError.badRequest(name + ": expected azimuth,elevation in degrees");
        return p.withShading(new Processing.HillShade(a.get(0), a.get(1)));
    }

    /** MINMAX=c:min,max (0-based channel) or MINMAX=-:min,max (every channel). */
    static Processing.SampleRange range(String name, String value) {
        String v = value.trim();
        int colon = v.indexOf(':');
        if (colon < 0) throw HttpError.badRequest(name + ": expected channel:min,max or -:min,max");
        String ch = v.substring(0, colon).trim();
        int channel = ch.equals("-") ? -1 : Args.integer(name, ch);
        if (channel < -1) throw HttpError.badRequest(name + ": channel must be 0 or more, or '-'");
        String[] mm = v.substring(colon + 1).split(",", -1);
        if (mm.length != 2) throw HttpError.badRequest(name + ": expected channel:min,max");
        double min = finite(name, Args.decimal(name, mm[0])), max = finite(name, Args.decimal(name, mm[1]));
        if (!(max > min)) throw HttpError.badRequest(name + ": max must be greater than min");
        return new Processing.SampleRange(channel, min, max);
    }

    private static String strip(String v) {
        String s = v.trim();
        if (s.startsWith("[")) s = s.substring(1);
        if (s.endsWith("]")) s = s.substring(0, s.length() - 1);
        return s.trim();
    }
}
