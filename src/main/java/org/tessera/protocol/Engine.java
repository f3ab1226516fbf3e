package org.tessera.protocol;

import org.tessera.config.Config;
import org.tessera.service.ImageService;
import org.tessera.source.ImageRepository;

/**
 * What every protocol drives, built once at start-up: configuration, the image repository, the
 * renderer and the response builder.
 */
public record Engine(Config config, ImageRepository images, ImageService renderer, Responses responses) {
}
