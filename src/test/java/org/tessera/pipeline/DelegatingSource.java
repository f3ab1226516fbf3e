package org.tessera.pipeline;

import java.io.IOException;
import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;
import org.tessera.source.ImageSource;

/** Another source's tiles, for tests that change one of its answers. */
class DelegatingSource implements ImageSource {
    final ImageSource inner;

    DelegatingSource(ImageSource inner) {
        this.inner = inner;
    }

    @Override
    public ImageInfo info() { return inner.info(); }

    @Override
    public PixelImage readTile(int page, int level, int col, int row) throws IOException {
        return inner.readTile(page, level, col, row);
    }

    @Override
    public boolean decodesReduced(int page, int level, int eighths) {
        return inner.decodesReduced(page, level, eighths);
    }

    @Override
    public PixelImage readTileReduced(int page, int level, int col, int row, int eighths) throws IOException {
        return inner.readTileReduced(page, level, col, row, eighths);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
