package org.tessera.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files the viewer page needs, read from the classpath: OpenSeadragon (put into the jar by the
 * build from its npm package, see src/main/viewer/package.json) and the page's own script and style.
 */
final class StaticResources {
    /** A resource's bytes and media type. */
    record Resource(byte[] data, String contentType) {
    }

    private static final String OWN = "org/tessera/viewer/";
    private static final String OSD = OWN + "openseadragon/";
    // names only: letters, digits, '-', '_', '.', '/' between segments; no "..", no leading '/'
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "map", "application/json", "html", "text/html; charset=utf-8", "svg", "image/svg+xml");

    private final ClassLoader loader;

    StaticResources(ClassLoader loader) {
        this.loader = loader;
        if (loader.getResource(OSD + "openseadragon.min.js") == null) {
            throw new IllegalStateException("OpenSeadragon missing from the classpath (" + OSD + "): build with Maven, which needs npm");
        }
    }

    /** OpenSeadragon file by its path inside the distribution ("openseadragon.min.js", "images/home_rest.png"). */
    Optional<Resource> openSeadragon(String name) {
        return load(OSD, name);
    }

    /** The viewer's own files ("viewer.js", "viewer.css", "index.html"). */
    Optional<Resource> own(String name) {
        return load(OWN, name);
    }

    private Optional<Resource> load(String base, String name) {
        if (!SAFE.matcher(name).matches() || name.contains("..")) return Optional.empty();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(ext);
        if (type == null) return Optional.empty();
        try (InputStream in = loader.getResourceAsStream(base + name)) {
            if (in == null) return Optional.empty();
            return Optional.of(new Resource(in.readAllBytes(), type));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
