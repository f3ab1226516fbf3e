package org.tessera.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Files the viewer page needs, read from the classpath: OpenSeadragon from its webjar (whatever
 * version Maven put on the classpath) and the page's own script and style.
 */
final class StaticResources {
    /** A resource's bytes and media type. */
    record Resource(byte[] data, String contentType) {
    }

    private static final String OSD_POM = "META-INF/maven/org.webjars.npm/openseadragon/pom.properties";
    private static final String OWN = "org/tessera/viewer/";
    // names only: letters, digits, '-', '_', '.', '/' between segments; no "..", no leading '/'
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "map", "application/json", "html", "text/html; charset=utf-8", "svg", "image/svg+xml");

    private final ClassLoader loader;
    private final String osdBase;

    StaticResources(ClassLoader loader) {
        this.loader = loader;
        this.osdBase = "META-INF/resources/webjars/openseadragon/" + osdVersion(loader) + "/build/openseadragon/";
    }

    static String osdVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(OSD_POM)) {
            if (in == null) throw new IllegalStateException("OpenSeadragon webjar missing from the classpath");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OpenSeadragon file by its path inside the distribution ("openseadragon.min.js", "images/home_rest.png"). */
    Optional<Resource> openSeadragon(String name) {
        return load(osdBase, name);
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
