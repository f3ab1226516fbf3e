package org.tessera.service;

import org.tessera.cache.ResultKey;
import org.tessera.image.Rect;
import org.tessera.pipeline.Operation;
import org.tessera.pipeline.Plan;
import org.tessera.image.TileAddress;

/**
 * The cache key of a planned request. A whole unprocessed tile is named by its grid cell and
 * encoding only, whatever no-op steps the protocol planned, so IIP, IIIF, DeepZoom and Zoomify
 * requests for one tile share an entry; anything else by its level region and every operation.
 */
final class ResultKeys {
    private ResultKeys() {
    }

    static ResultKey of(String identifier, long mtimeMillis, Plan plan) {
        Operation.Encode encode = plan.encode();
        // quality layers change the pixels: a LYR request never shares an entry with another count
        String layers = plan.layers() == 0 ? "" : "/q" + plan.layers();
        if (plan.isWholeUnprocessedTile()) {
            TileAddress t = plan.tile().orElseThrow();
            return new ResultKey(identifier, mtimeMillis, ResultKey.Kind.TILE,
                    "tile/p" + plan.page() + "/l" + t.level() + "/c" + t.col() + "/r" + t.row() + layers + "/" + encode);
        }
        Rect r = plan.region();
        StringBuilder spec = new StringBuilder("render/p").append(plan.page()).append("/l").append(plan.levelIndex())
                .append('/').append(r.x()).append(',').append(r.y()).append(',').append(r.width()).append(',')
                .append(r.height()).append(layers);
        for (Operation op : plan.operations()) spec.append('/').append(op);
        return new ResultKey(identifier, mtimeMillis, ResultKey.Kind.RENDITION, spec.toString());
    }
}
