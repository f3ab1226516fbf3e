package org.tessera.protocol.iip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;
import org.tessera.image.CNumbers;
import org.tessera.pipeline.process.ProcessedRegionReader;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.Rect;
import org.tessera.image.SampleFormat;
import org.tessera.image.SampleRaster;
import org.tessera.image.StackPage;
import org.tessera.source.ImageSource;

/**
 * SPECTRA (one pixel's value in every band, XML) and PFL (a line profile of every band, JSON),
 * answered in iipsrv's exact layouts from the stored samples. The bands are the image's
 * horizontal views: the pages of a stack, or the image itself.
 */
final class SpectralCommands {
    private SpectralCommands() {
    }

    /** SPECTRA=r,t,x,y: (x,y) inside tile t of resolution r. */
    static HttpResponse spectra(String command, String value, Session s) {
        List<Integer> a = Args.integers(command, value);
        if (a.size() != 4) throw HttpError.badRequest(command + ": expected resolution,tile,x,y");
        ImageInfo info = s.info();
        int r = a.get(0), t = a.get(1), x = a.get(2), y = a.get(3);
        if (r < 0 || r >= info.levelCount()) throw HttpError.badRequest(command + ": resolution " + r + " does not exist");
        int levelIndex = info.levelCount() - 1 - r;
        Level level = info.levels().get(levelIndex);
        if (t < 0 || t >= level.tileCount()) throw HttpError.notFound(command + ": tile " + t + " does not exist");
        if (x < 0 || x >= level.tileWidth() || y < 0 || y >= level.tileHeight()) {
            throw HttpError.badRequest("SPECTRA :: Error: x,y coordinates outside of tile boundaries");
        }
        int col = t % level.tilesAcross(), row = t / level.tilesAcross();
        List<StackPage> names = s.source().stackPages();
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<spectra>\n");
        List<Integer> views = s.source().horizontalViews();
        for (int band = 0; band < views.size(); band++) {
            int page = page(s, views.get(band));
            SampleRaster tile = tileRaster(s, page, levelIndex, col, row);
            // as iipsrv: an edge tile too small for (x,y) ends the list
            if (x >= tile.width() || y >= tile.height()) break;
            float v = tile.sample(x, y, 0);
            double reflectance = info.bitsPerSample() == 8 ? v / 255.0 : info.bitsPerSample() == 16 ? v / 65535.0 : v;
            b.append("\t<point>\n\t\t<wavelength>").append(name(names, views, band)).append("</wavelength>\n\t\t<reflectance>")
                    .append(String.format(Locale.ROOT, "%f", (float) reflectance)).append("</reflectance>\n\t</point>\n");
        }
        b.append("</spectra>");
        return s.context().responses().document("application/xml", b.toString(), s.lastModified(), null);
    }

    /** PFL=r:x1,y1-x2,y2 (or r:x,y): a horizontal line, else a vertical one, else one pixel. */
    static HttpResponse profile(String command, String value, Session s) {
        String v = value.trim();
        int colon = v.indexOf(':');
        if (colon < 0) throw HttpError.badRequest(command + ": expected resolution:x1,y1-x2,y2");
        int r = Args.integer(command, v.substring(0, colon));
        String[] points = v.substring(colon + 1).split("-", -1);
        if (points.length > 2) throw HttpError.badRequest(command + ": expected resolution:x1,y1-x2,y2");
        List<Integer> p1 = Args.integers(command, points[0]);
        List<Integer> p2 = points.length == 2 ? Args.integers(command, points[1]) : p1;
        if (p1.size() != 2 || p2.size() != 2) throw HttpError.badRequest(command + ": expected resolution:x1,y1-x2,y2");
        ImageInfo info = s.info();
        if (r < 0 || r >= info.levelCount()) throw HttpError.badRequest("PFL :: Invalid resolution number: " + r);
        int levelIndex = info.levelCount() - 1 - r;
        Level level = info.levels().get(levelIndex);
        int x1 = p1.get(0), y1 = p1.get(1), x2 = p2.get(0), y2 = p2.get(1);
        if (x1 < 0 || y1 < 0 || x2 < 0 || y2 < 0 || x1 > level.width() || x2 > level.width() || y1 > level.height() || y2 > level.height()) {
            throw HttpError.badRequest("PFL :: Invalid coordinates: " + x1 + "," + y1 + "-" + x2 + "," + y2);
        }
        int w = 1, h = 1;
        if (x2 > x1) w = x2 - x1;
        else if (y2 > y1) h = y2 - y1;
        // iipsrv allows x = width (one past the last pixel); there is nothing to read there
        if (x1 + w > level.width() || y1 + h > level.height()) {
            throw HttpError.badRequest("PFL :: Invalid coordinates: " + x1 + "," + y1 + "-" + x2 + "," + y2);
        }
        Rect line = new Rect(x1, y1, w, h);
        List<Integer> views = s.source().horizontalViews();
        int bands = views.size();
        List<StackPage> pages = s.source().stackPages();
        boolean floating = info.sampleFormat() == SampleFormat.FLOAT;
        StringBuilder b = new StringBuilder("{\n\t\"profile\": ");
        if (bands > 1) b.append("{\n");
        for (int band = 0; band < bands; band++) {
            if (bands > 1) b.append("\t\t\"").append(name(pages, views, band)).append("\": ");
            double scale = band < pages.size() ? pages.get(band).scale() : 1;
            SampleRaster samples = region(s.source(), page(s, views.get(band)), levelIndex, level, line);
            b.append('[');
            float[] data = samples.samples();
            for (int i = 0; i < data.length; i++) {
                if (i > 0) b.append(',');
                double x = scale != 1 ? data[i] * scale : data[i];
                b.append(floating ? String.format(Locale.ROOT, "%.9f", x) : number(x));
            }
            b.append(band < bands - 1 ? "],\n" : "]\n");
        }
        if (bands > 1) b.append("\t}\n");
        b.append('}');
        return s.context().responses().document("application/json", b.toString(), s.lastModified(), null);
    }

    /** The stack page's name, else the view's number (a band index, or a sequence's angle). */
    private static String name(List<StackPage> pages, List<Integer> views, int band) {
        return band < pages.size() && !pages.get(band).name().isEmpty() ? pages.get(band).name() : String.valueOf(views.get(band));
    }

    /** The page of horizontal view h at the request's vertical view (SDS), as iipsrv walks the bands. */
    private static int page(Session s, int h) {
        List<Integer> vertical = s.source().verticalViews();
        int v = s.view.sdsVertical >= 0 || vertical.isEmpty() ? s.view.sdsVertical : vertical.get(0);
        return s.source().page(h, v);
    }

    /** As C++ streams print a float with their default precision of 6 (printf's %g). */
    private static String number(double v) { return CNumbers.g(v, 6); }

    private static SampleRaster region(ImageSource source, int page, int levelIndex, Level level, Rect region) {
        try {
            return ProcessedRegionReader.raster(source, page, levelIndex, region);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SampleRaster tileRaster(Session s, int page, int levelIndex, int col, int row) {
        try {
            return s.source().readRaster(page, levelIndex, col, row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
