package org.tessera.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.tessera.config.Config;
import org.tessera.http.HttpError;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.Rect;
import org.tessera.request.ImageRequest;
import org.tessera.request.OutputFormat;
import org.tessera.request.Processing;
import org.tessera.request.Quality;
import org.tessera.request.TileAddress;

/** Turns a protocol-neutral request into a {@link Plan} for one image. Stateless, thread-safe. */
public final class Planner {
    /** Above this many output (or read) pixels a request is refused before anything is allocated. */
    public static final long MAX_PIXELS = 100_000_000L;

    private final Config config;

    public Planner(Config config) {
        this.config = config;
    }

    public Plan plan(ImageRequest request, ImageInfo info) {
        if (request.page() < 0 || request.page() >= info.pages()) throw HttpError.badRequest("page out of range");
        int levelIndex;
        Rect region;
        if (request.tile().isPresent()) {
            TileAddress t = request.tile().get();
            if (t.level() < 0 || t.level() >= info.levelCount()) throw HttpError.badRequest("resolution out of range");
            Level level = info.levels().get(t.level());
            if (t.col() < 0 || t.row() < 0 || t.col() >= level.tilesAcross() || t.row() >= level.tilesDown()) {
                throw HttpError.notFound("tile does not exist");
            }
            levelIndex = t.level();
            region = level.tileRect(t.col(), t.row());
        } else {
            levelIndex = chooseLevel(info, request.region(), request.width(), request.height());
            region = regionAtLevel(info, levelIndex, request.region());
        }
        Level level = info.levels().get(levelIndex);
        List<Operation> ops = operations(request, info, region);
        Plan plan = new Plan(request.page(), levelIndex, level, region, ops);
        guardSize(plan, request.tile().isPresent());
        return plan;
    }

    /**
     * The smallest level whose copy of the region is at least the requested output in both
     * dimensions (iipsrv 13.3 "intended semantics"); the full level when none is large enough.
     */
    public static int chooseLevel(ImageInfo info, Rect fullRegion, int outWidth, int outHeight) {
        for (int i = info.levelCount() - 1; i > 0; i--) {
            Rect r = regionAtLevel(info, i, fullRegion);
            if (r.width() >= outWidth && r.height() >= outHeight) return i;
        }
        return 0;
    }

    /**
     * Maps a full-resolution rectangle onto a level by the level's real size: an edge touching the
     * image's right or bottom maps onto the level's edge exactly (pyramids round odd sizes either
     * way), others to round(v * levelSize / fullSize). Never empty, always inside the level.
     */
    public static Rect regionAtLevel(ImageInfo info, int levelIndex, Rect full) {
        Level level = info.levels().get(levelIndex);
        int fw = info.width(), fh = info.height();
        int x0 = scale(full.x(), level.width(), fw), y0 = scale(full.y(), level.height(), fh);
        int x1 = full.right() >= fw ? level.width() : scale(full.right(), level.width(), fw);
        int y1 = full.bottom() >= fh ? level.height() : scale(full.bottom(), level.height(), fh);
        x0 = Math.min(x0, level.width() - 1);
        y0 = Math.min(y0, level.height() - 1);
        int w = Math.max(1, Math.min(x1, level.width()) - x0);
        int h = Math.max(1, Math.min(y1, level.height()) - y0);
        return new Rect(x0, y0, w, h);
    }

    private static int scale(int v, int levelSize, int fullSize) {
        if (levelSize == fullSize) return v;
        return (int) ((2L * v * levelSize + fullSize) / (2L * fullSize)); // round half up, integers only
    }

    private List<Operation> operations(ImageRequest request, ImageInfo info, Rect region) {
        List<Operation> ops = new ArrayList<>(7);
        Processing processing = request.processing();
        if (processing.needsSampleStage()) {
            if (processing.shading().isPresent() && info.channels() < 3) {
                throw HttpError.badRequest("SHD needs a 3-channel surface-normal image");
            }
            ops.add(new Operation.Process(processing));
        }
        if (region.width() != request.width() || region.height() != request.height()) {
            ops.add(new Operation.Scale(request.width(), request.height(), Interpolation.fromConfig(config.interpolation())));
        }
        // Colour reduction before mirror/rotation: fewer channels to move, and Otsu's histogram
        // must not count the rotation's background.
        if (request.quality() == Quality.GRAY && (info.channels() >= 3 || processing.replacesColours())) {
            ops.add(new Operation.ColourConvert(Operation.ColourConvert.Target.GRAY));
        } else if (request.quality() == Quality.BITONAL) {
            ops.add(new Operation.ColourConvert(Operation.ColourConvert.Target.BITONAL));
        }
        if (processing.contrastMode() == Processing.ContrastMode.EQUALIZE) ops.add(new Operation.Equalize());
        if (request.rotation().mirror()) ops.add(new Operation.Mirror());
        if (request.rotation().degrees() != 0) {
            ops.add(new Operation.Rotate(request.rotation().degrees(), hasAlpha(request.format())));
        }
        ops.add(new Operation.Encode(request.format(), request.encoderQuality()));
        return ops;
    }

    /** Formats whose encoders keep an alpha channel, so rotation corners can be transparent. */
    public static boolean hasAlpha(OutputFormat format) {
        return format == OutputFormat.PNG || format == OutputFormat.WEBP;
    }

    private void guardSize(Plan plan, boolean tileRequest) {
        Dimension out = plan.outputSize();
        Dimension read = plan.regionSize();
        long cvt = config.maxCvt() < 0 ? Long.MAX_VALUE : (long) config.maxCvt() * config.maxCvt();
        long limit = tileRequest ? MAX_PIXELS : Math.min(MAX_PIXELS, cvt);
        if (out.area() > limit || read.area() > MAX_PIXELS) {
            throw HttpError.badRequest("requested image is too large");
        }
    }
}
