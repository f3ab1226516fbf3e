package org.tessera.source.jpeg;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.tessera.error.InvalidRequestException;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.source.ImageSource;

/**
 * A plain (untiled, single-resolution) JPEG file. Its levels are what libjpeg-turbo's DCT-domain
 * scaling produces, 1/1, 1/2, 1/4 and 1/8, served in {@value JpegFormat#TILE}-pixel tiles: a
 * level is decoded whole at its own scale (a JPEG has no random access) and kept for a while by
 * {@link JpegFormat}, so neighbouring tiles and a thumbnail never decode more than they need.
 */
public final class JpegImageSource implements ImageSource {
    private final FileChannel channel;
    private final ImageInfo info;
    private final JpegFormat.Levels levels;

    JpegImageSource(FileChannel channel, ImageInfo info, JpegFormat.Levels levels) {
        this.channel = channel;
        this.info = info;
        this.levels = levels;
    }

    @Override
    public ImageInfo info() { return info; }

    @Override
    public PixelImage readTile(int page, int level, int col, int row) throws IOException {
        if (page != 0) throw new InvalidRequestException("page " + page + " does not exist");
        if (level < 0 || level >= info.levelCount()) throw new InvalidRequestException("resolution level " + level + " does not exist");
        Level l = info.levels().get(level);
        if (col < 0 || row < 0 || col >= l.tilesAcross() || row >= l.tilesDown()) {
            throw new InvalidRequestException("tile " + col + "," + row + " does not exist at this resolution");
        }
        return levels.level(channel, level).crop(l.tileRect(col, row));
    }

    /** The whole level, decoded at its scale (1/2^level). */
    public PixelImage readLevel(int level) throws IOException {
        if (level < 0 || level >= info.levelCount()) throw new InvalidRequestException("resolution level " + level + " does not exist");
        return levels.level(channel, level);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
