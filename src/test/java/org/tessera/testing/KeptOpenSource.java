package org.tessera.testing;

import java.io.IOException;
import java.util.List;
import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;
import org.tessera.image.SampleRaster;
import org.tessera.image.StackPage;
import org.tessera.source.ImageSource;

/**
 * A real source that ignores close(): MemoryImages hands the same source to every request, and
 * each request closes what it opened. Delegates everything else.
 */
public record KeptOpenSource(ImageSource source) implements ImageSource {
    @Override
    public ImageInfo info() { return source.info(); }

    @Override
    public PixelImage readTile(int page, int level, int col, int row) throws IOException {
        return source.readTile(page, level, col, row);
    }

    @Override
    public SampleRaster readRaster(int page, int level, int col, int row) throws IOException {
        return source.readRaster(page, level, col, row);
    }

    @Override
    public byte[] iccProfile() { return source.iccProfile(); }

    @Override
    public List<StackPage> stackPages() { return source.stackPages(); }

    @Override
    public List<Integer> horizontalViews() { return source.horizontalViews(); }

    @Override
    public List<Integer> verticalViews() { return source.verticalViews(); }

    @Override
    public int page(int h, int v) { return source.page(h, v); }

    @Override
    public void close() {
    }
}
