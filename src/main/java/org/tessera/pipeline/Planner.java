package org.tessera.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.tessera.config.Config;
import org.tessera.error.InvalidRequestException;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PyramidGeometry;
import org.tessera.image.Rect;
import org.tessera.request.ImageRequest;
import org.tessera.request.Quality;
import org.tessera.image.TileAddress;

/** Turns a protocol-neutral request into a {@link Plan} for one image. Stateless, thread-safe. */
public final class Planner {
    /** Above this many output (or read) pixels a request is refused before anything is allocated. */
    public static final long MAX_PIXELS = 100_000_000L;

    private final Config config;

    public Planner(Config config) {
        this.config = config;
    }

    public Plan plan(ImageRequest request, ImageInfo info) {
        PyramidGeometry geometry = new PyramidGeometry(info);
        geometry.checkPage(request.page());
        int levelIndex;
        Rect region;
        if (request.tile().isPresent()) {
            TileAddress t = request.tile().get();
            region = geometry.tileRect(t);
            levelIndex = t.level();
        } else {
            levelIndex = geometry.levelFor(request.region(), request.width(), request.height());
            region = geometry.toLevel(levelIndex, request.region());
        }
        Level level = info.levels().get(levelIndex);
        List<Operation> ops = operations(request, info, region);
        Plan plan = new Plan(request.page(), levelIndex, level, region, ops);
        guardSize(plan, request.tile().isPresent());
        return plan;
    }

    private List<Operation> operations(ImageRequest request, ImageInfo info, Rect region) {
        List<Operation> ops = new ArrayList<>(5);
        if (region.width() != request.width() || region.height() != request.height()) {
            ops.add(new Operation.Scale(request.width(), request.height(), Interpolation.fromConfig(config.interpolation())));
        }
        // Colour reduction before mirror/rotation: fewer channels to move, and Otsu's histogram
        // must not count the rotation's background.
        if (request.quality() == Quality.GRAY && info.channels() >= 3) {
            ops.add(new Operation.ColourConvert(Operation.ColourConvert.Target.GRAY));
        } else if (request.quality() == Quality.BITONAL) {
            ops.add(new Operation.ColourConvert(Operation.ColourConvert.Target.BITONAL));
        }
        if (request.rotation().mirror()) ops.add(new Operation.Mirror());
        if (request.rotation().degrees() != 0) {
            ops.add(new Operation.Rotate(request.rotation().degrees(), request.format().alpha()));
        }
        ops.add(new Operation.Encode(request.format(), request.encoderQuality()));
        return ops;
    }

    private void guardSize(Plan plan, boolean tileRequest) {
        Dimension out = plan.outputSize();
        Dimension read = plan.regionSize();
        long cvt = config.maxCvt() < 0 ? Long.MAX_VALUE : (long) config.maxCvt() * config.maxCvt();
        long limit = tileRequest ? MAX_PIXELS : Math.min(MAX_PIXELS, cvt);
        if (out.area() > limit || read.area() > MAX_PIXELS) {
            throw new InvalidRequestException("requested image is too large");
        }
    }
}
