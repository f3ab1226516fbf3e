package org.tessera.source;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.codec.JpegDecoder;
import org.tessera.config.Config;
import org.tessera.http.HttpError;
import org.tessera.image.ImageInfo;
import org.tessera.source.tiff.TiffImage;
import org.tessera.source.tiff.TiffImageSource;
import org.tessera.source.tiff.TiffParser;
import org.tessera.source.tiff.TiffPyramid;

/**
 * Opens images from the filesystem as iipsrv does: full path = FILESYSTEM_PREFIX + identifier +
 * FILESYSTEM_SUFFIX, concatenated verbatim. Unlike iipsrv (which strips "../" and otherwise lets
 * absolute paths read the whole filesystem) the result is confined:
 * <ul>
 *   <li>an identifier containing NUL is a 400;</li>
 *   <li>an identifier with a path segment ".." is a 404, never silently rewritten;</li>
 *   <li>the real path of the file (symlinks followed) must lie under the real path of the prefix's
 *       directory: the prefix itself when it ends with '/' or names a directory, otherwise its
 *       parent ("/images/pre_" confines to "/images"). A symlink inside that points inside is
 *       served; one that points outside is a 404;</li>
 *   <li>an empty prefix (or one without a directory part) confines to the process's working
 *       directory, so a daemon started without FILESYSTEM_PREFIX cannot serve "/etc/..." files.</li>
 * </ul>
 * Absolute identifiers are simply appended ("/images/" + "/a.tif" = "/images//a.tif"), so they stay
 * relative to the prefix. Every refusal says only "image not found"; the path goes to the log.
 *
 * <p>Metadata (the parsed TIFF structure and {@link ImageInfo}) is cached by real path, bounded by
 * MAX_METADATA_CACHE_SIZE entries (0 no cache, -1 unbounded) and revalidated against the file's
 * mtime and size on every open. Each {@link #open} opens its own channel, owned by the returned
 * source, so cache eviction never closes a file in use.
 */
public final class FileImageRepository implements ImageRepository {
    private static final Logger log = LoggerFactory.getLogger(FileImageRepository.class);
    private static final String NOT_FOUND = "image not found";

    private final String prefix;
    private final Path root;
    private final String suffix;
    private final String copyright;
    private final JpegDecoder jpegDecoder;
    private final Cache<Path, Cached> cache;
    private final String pattern;

    private record Cached(Instant mtime, long size, TiffImage image) {
    }

    /** Striped files already warned about (bounded: after that many, the warning stops). */
    private final java.util.Set<Path> warnedStriped = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int MAX_WARNED = 10_000;

    public FileImageRepository(Config config, JpegDecoder jpegDecoder) {
        this.prefix = config.filesystemPrefix() == null ? "" : config.filesystemPrefix();
        this.root = confinementRoot(prefix);
        this.suffix = config.filesystemSuffix() == null ? "" : config.filesystemSuffix();
        this.copyright = config.copyright() == null ? "" : config.copyright();
        this.pattern = config.filenamePattern() == null ? "" : config.filenamePattern();
        this.jpegDecoder = jpegDecoder;
        long max = config.maxMetadataCacheSize();
        if (max == 0) {
            cache = null;
        } else if (max < 0) {
            cache = Caffeine.newBuilder().build();
        } else {
            cache = Caffeine.newBuilder().maximumSize(max).build();
        }
    }

    @Override
    public ImageSource open(String identifier) {
        ImageSource sequence = sequence(identifier);
        if (sequence != null) return sequence;
        return open(identifier, suffix);
    }

    private ImageSource open(String identifier, String suffix) {
        Path file = resolve(identifier, suffix);
        FileChannel channel;
        try {
            // The path is already real: refusing a symlink here closes the window in which the
            // checked file could be swapped for a link pointing outside the prefix.
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            log.warn("cannot open image {}: {}", file, e.toString());
            throw HttpError.notFound(NOT_FOUND);
        }
        try {
            checkFormat(channel, file);
            return new TiffImageSource(channel, describe(file, channel), jpegDecoder);
        } catch (HttpError e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            log.warn("cannot read image {}: {}", file, e.toString());
            throw new HttpError(404, "image could not be read");
        }
    }

    @Override
    public void clear() {
        if (cache != null) cache.invalidateAll();
    }

    /** The real path of the image file, or an HttpError when the identifier is refused. */
    Path resolve(String identifier) {
        return resolve(identifier, suffix);
    }

    private Path resolve(String identifier, String suffix) {
        if (identifier.indexOf('\0') >= 0) {
            log.warn("refused identifier with an embedded NUL byte");
            throw HttpError.badRequest("invalid image identifier");
        }
        for (String segment : identifier.split("/", -1)) {
            if (segment.equals("..")) {
                log.warn("refused identifier with a '..' segment: {}", identifier);
                throw HttpError.notFound(NOT_FOUND);
            }
        }
        String full = prefix + identifier + suffix;
        try {
            Path realRoot = root.toRealPath();
            Path real = Path.of(full).toAbsolutePath().toRealPath();
            if (!real.startsWith(realRoot)) {
                log.warn("refused {}: resolves to {} outside {}", full, real, realRoot);
                throw HttpError.notFound(NOT_FOUND);
            }
            if (!Files.isRegularFile(real)) {
                log.info("not a regular file: {}", real);
                throw HttpError.notFound(NOT_FOUND);
            }
            return real;
        } catch (NoSuchFileException e) {
            log.info("image not found: {}", full);
            throw HttpError.notFound(NOT_FOUND);
        } catch (IOException | InvalidPathException e) {
            log.warn("cannot resolve {}: {}", full, e.toString());
            throw HttpError.notFound(NOT_FOUND);
        }
    }

    /**
     * An image sequence named by FILENAME_PATTERN when no file has the identifier's name
     * (iipsrv 6.3): the files {@code <identifier><pattern>HHH_VVV.<tif|tiff>} beside it, with
     * one extension. FILESYSTEM_SUFFIX is not part of sequence file names (as in iipsrv's file
     * names). Null when there is no such sequence.
     */
    private ImageSource sequence(String identifier) {
        if (pattern.isEmpty() || identifier.isEmpty() || identifier.indexOf('\0') >= 0 || identifier.endsWith("/")) return null;
        for (String segment : identifier.split("/", -1)) if (segment.equals("..")) return null;
        try {
            if (Files.exists(Path.of(prefix + identifier + suffix), LinkOption.NOFOLLOW_LINKS)) return null;
            Path stem = Path.of(prefix + identifier + pattern).toAbsolutePath();
            Path dir = stem.getParent();
            if (dir == null || !Files.isDirectory(dir) || !dir.toRealPath().startsWith(root.toRealPath())) return null;
            String name = stem.getFileName().toString();
            java.util.regex.Pattern files = java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(name) + "(\\d{3,})_(\\d{3,})\\.(tif|tiff)");
            java.util.TreeSet<Integer> h = new java.util.TreeSet<>(), v = new java.util.TreeSet<>();
            java.util.Set<String> extensions = new java.util.HashSet<>();
            try (var entries = Files.newDirectoryStream(dir, name.replaceAll("[\\[\\]{}*?\\\\]", "?") + "*")) {
                int seen = 0;
                for (Path p : entries) {
                    if (++seen > 100_000) break;
                    var m = files.matcher(p.getFileName().toString());
                    if (!m.matches()) continue;
                    h.add(Integer.parseInt(m.group(1)));
                    v.add(Integer.parseInt(m.group(2)));
                    extensions.add(m.group(3));
                }
            }
            if (h.isEmpty()) return null;
            if (extensions.size() > 1) throw HttpError.notFound("There are multiple file extensions matching " + identifier);
            String ext = extensions.iterator().next();
            log.debug("{} is an image sequence of {} horizontal and {} vertical views", identifier, h.size(), v.size());
            return new ImageSequence(List.copyOf(h), List.copyOf(v), angles -> open(identifier + pattern
                    + String.format(java.util.Locale.ROOT, "%03d_%03d.", angles[0], angles[1]) + ext, ""));
        } catch (IOException | InvalidPathException | NumberFormatException e) {
            return null;
        }
    }

    /** The folder every image must lie in for this FILESYSTEM_PREFIX (absolute, links not yet resolved). */
    public static Path confinementRoot(String prefix) {
        // "/images" without its slash still means the folder when it is one (iipsrv's docs ask
        // for the slash, configurations often forget it); otherwise the text after the last '/'
        // is a file-name prefix and the folder before it confines.
        if (!prefix.isEmpty() && !prefix.endsWith("/") && Files.isDirectory(Path.of(prefix))) return Path.of(prefix).toAbsolutePath();
        int slash = prefix.lastIndexOf('/');
        if (slash < 0) return Path.of("").toAbsolutePath();
        if (slash == 0) return Path.of("/");
        return Path.of(prefix.substring(0, slash)).toAbsolutePath();
    }

    private static void checkFormat(FileChannel channel, Path file) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(12);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // positional reads until 12 bytes or end of file
        }
        byte[] b = head.array();
        int n = head.position();
        if (n >= 4 && ((b[0] == 'I' && b[1] == 'I' && (b[2] == 42 || b[2] == 43) && b[3] == 0)
                || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && (b[3] == 42 || b[3] == 43)))) {
            return;
        }
        if (n >= 12 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C && b[4] == 'j' && b[5] == 'P'
                && b[6] == ' ' && b[7] == ' ' && b[8] == 0x0D && b[9] == 0x0A) {
            log.info("JPEG2000 image requested: {}", file);
            throw HttpError.notImplemented("JPEG2000 not supported yet");
        }
        if (n >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            log.info("plain JPEG image requested: {}", file);
            throw HttpError.notImplemented("JPEG input not supported yet");
        }
        log.warn("unsupported image format: {}", file);
        throw new HttpError(415, "unsupported image format");
    }

    private TiffImage describe(Path file, FileChannel channel) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        Instant mtime = attrs.lastModifiedTime().toInstant();
        long size = attrs.size();
        if (cache != null) {
            Cached hit = cache.getIfPresent(file);
            if (hit != null && hit.mtime().equals(mtime) && hit.size() == size) return hit.image();
        }
        TiffImage image = withCopyright(TiffPyramid.build(TiffParser.parse(channel), mtime));
        if (image.striped() && warnedStriped.size() < MAX_WARNED && warnedStriped.add(file)) {
            log.warn("{} is a striped TIFF ({}x{}): served through virtual tiles, every level read from the full "
                    + "resolution strips; store it as a tiled pyramid for speed", file.getFileName(), image.info().width(),
                    image.info().height());
        }
        if (cache != null) cache.put(file, new Cached(mtime, size, image));
        return image;
    }

    /** COPYRIGHT fills in "rights" for images that carry none, as iipsrv does. */
    private TiffImage withCopyright(TiffImage image) {
        ImageInfo i = image.info();
        if (copyright.isEmpty() || i.metadata().containsKey("rights")) return image;
        Map<String, String> metadata = new HashMap<>(i.metadata());
        metadata.put("rights", copyright);
        ImageInfo info = new ImageInfo(i.levels(), i.pages(), i.channels(), i.bitsPerSample(), i.sampleFormat(),
                i.colourSpace(), i.minValues(), i.maxValues(), metadata, i.dpiX(), i.dpiY(), i.lastModified());
        return image.withInfo(info);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing channel failed", e);
        }
    }
}
