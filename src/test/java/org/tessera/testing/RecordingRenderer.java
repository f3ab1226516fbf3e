package org.tessera.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.tessera.codec.Codecs;
import org.tessera.codec.DefaultCodecs;
import org.tessera.config.Config;
import org.tessera.request.ImageRequest;
import org.tessera.service.DefaultImageService;
import org.tessera.service.ImageService;
import org.tessera.service.RenderedImage;
import org.tessera.source.ImageSource;

/**
 * The real renderer (DefaultImageService with this machine's codecs, no tile cache) that also
 * records every ImageRequest, so protocol tests can check both what a parser asked for and the
 * pixels that came out.
 */
public final class RecordingRenderer implements ImageService {
    public final List<ImageRequest> requests = new CopyOnWriteArrayList<>();
    private final Supplier<Config> config;
    private final Codecs codecs = DefaultCodecs.detect();

    /** @param config read on every render, so a test may change the configuration as it goes */
    public RecordingRenderer(Supplier<Config> config) {
        this.config = config;
    }

    @Override
    public RenderedImage render(ImageSource source, ImageRequest request) {
        requests.add(request);
        return DefaultImageService.inRam(config.get(), codecs, 0).render(source, request);
    }

    public ImageRequest last() { return requests.get(requests.size() - 1); }

    @Override
    public void clearCaches() {
    }
}
