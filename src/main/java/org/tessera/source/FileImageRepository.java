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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.Config;
import org.tessera.error.CorruptImageException;
import org.tessera.error.ImageException;
import org.tessera.error.InvalidRequestException;
import org.tessera.error.NotFoundException;

/**
 * Opens images from the filesystem as iipsrv does: full path = FILESYSTEM_PREFIX + identifier +
 * FILESYSTEM_SUFFIX, concatenated verbatim. Unlike iipsrv (which strips "../" and otherwise lets
 * absolute paths read the whole filesystem) the result is confined:
 * <ul>
 *   <li>an identifier containing NUL or another control character is a 400;</li>
 *   <li>an identifier with a path segment ".." is a 404, never silently rewritten;</li>
 *   <li>the real path of the file (symlinks followed) must lie under the real path of the prefix's
 *       directory: the prefix itself when it ends with '/' or names a directory, otherwise its
 *       parent ("/images/pre_" confines to "/images"). A symlink inside that points inside is
 *       served; one that points outside is a 404;</li>
 *   <li>an empty prefix (or one without a directory part) confines to the process's working
 *       directory, so a daemon started without FILESYSTEM_PREFIX cannot serve "/etc/..." files.</li>
 * </ul>
 * Absolute identifiers are simply appended ("/images/" + "/a.tif" = "/images//a.tif"), so they stay
 * relative to the prefix. Every refusal says only "image not found", and so does a file that is
 * not an image: a client cannot tell a missing file from one outside the prefix or from a non-image
 * (no 404-versus-415 oracle). The path goes to the log.
 *
 * <p>The file's format is recognised from its first bytes among the configured {@link ImageFormat}s,
 * which parse and open it; this class knows no format. Each file's parsed description is cached by
 * real path, bounded by MAX_METADATA_CACHE_SIZE entries (0 no cache, -1 unbounded) and
 * revalidated against the file's mtime and size on every open. Each {@link #open} opens its own
 * channel, owned by the returned source, so cache eviction never closes a file in use.
 */
public final class FileImageRepository implements ImageRepository {
    private static final Logger log = LoggerFactory.getLogger(FileImageRepository.class);
    private static final String NOT_FOUND = "image not found";

    private final String prefix;
    private final Path root;
    private final String suffix;
    private final List<ImageFormat<?>> formats;
    private final Cache<Path, Described<?>> cache;
    private final String pattern;
    /** The prefix folder's real path, resolved once it exists (a folder swapped later cannot widen it). */
    private volatile Path realRoot;

    /** A file's format and its parsed description, valid while the file keeps its mtime and size. */
    private record Described<D>(Instant mtime, long size, ImageFormat<D> format, D description) {
        ImageSource open(FileChannel channel) throws IOException { return format.open(channel, description); }
    }

    /** @param formats the input formats, tried in order on each new or changed file */
    public FileImageRepository(Config config, List<ImageFormat<?>> formats) {
        this.prefix = config.filesystemPrefix() == null ? "" : config.filesystemPrefix();
        this.root = confinementRoot(prefix);
        this.suffix = config.filesystemSuffix() == null ? "" : config.filesystemSuffix();
        this.formats = List.copyOf(formats);
        this.pattern = config.filenamePattern() == null ? "" : config.filenamePattern();
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
        Resolved resolved = resolved(identifier, suffix);
        Path file = resolved.path();
        FileChannel channel;
        try {
            // The path is already real: refusing a symlink here closes the window in which the
            // checked file could be swapped for a link pointing outside the prefix.
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            log.warn("cannot open image {}: {}", file, e.toString());
            throw new NotFoundException(NOT_FOUND);
        }
        try {
            return describe(file, resolved.attributes(), channel).open(channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            // a file this build cannot read says so; one that is damaged reads as no image at all
            if (e instanceof ImageException known && !(known instanceof CorruptImageException)) throw known;
            log.warn("cannot read image {}: {}", file, e.toString());
            throw new NotFoundException("image could not be read");
        }
    }

    @Override
    public void clear() {
        if (cache != null) cache.invalidateAll();
        formats.forEach(ImageFormat::clear);
    }

    /** The real path of the image file, or a NotFoundException / InvalidRequestException when the identifier is refused. */
    Path resolve(String identifier) {
        return resolved(identifier, suffix).path();
    }

    /** A real path inside the prefix and the attributes it had when checked (one stat). */
    private record Resolved(Path path, BasicFileAttributes attributes) {
    }

    private Resolved resolved(String identifier, String suffix) {
        if (identifier.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            log.warn("refused identifier with a control character");
            throw new InvalidRequestException("invalid image identifier");
        }
        for (String segment : identifier.split("/", -1)) {
            if (segment.equals("..")) {
                log.warn("refused identifier with a '..' segment: {}", identifier);
                throw new NotFoundException(NOT_FOUND);
            }
        }
        String full = prefix + identifier + suffix;
        try {
            Path realRoot = realRoot();
            Path real = Path.of(full).toAbsolutePath().toRealPath();
            if (!real.startsWith(realRoot)) {
                log.warn("refused {}: resolves to {} outside {}", full, real, realRoot);
                throw new NotFoundException(NOT_FOUND);
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                log.info("not a regular file: {}", real);
                throw new NotFoundException(NOT_FOUND);
            }
            return new Resolved(real, attributes);
        } catch (NoSuchFileException e) {
            log.info("image not found: {}", full);
            throw new NotFoundException(NOT_FOUND);
        } catch (IOException | InvalidPathException e) {
            log.warn("cannot resolve {}: {}", full, e.toString());
            throw new NotFoundException(NOT_FOUND);
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
            if (dir == null || !Files.isDirectory(dir) || !dir.toRealPath().startsWith(realRoot())) return null;
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
            if (extensions.size() > 1) throw new NotFoundException("There are multiple file extensions matching " + identifier);
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

    private Path realRoot() throws IOException {
        Path r = realRoot;
        if (r == null) {
            r = root.toRealPath();
            realRoot = r;
        }
        return r;
    }

    private Described<?> describe(Path file, BasicFileAttributes attrs, FileChannel channel) throws IOException {
        Instant mtime = attrs.lastModifiedTime().toInstant();
        long size = attrs.size();
        if (cache != null) {
            Described<?> hit = cache.getIfPresent(file);
            if (hit != null && hit.mtime().equals(mtime) && hit.size() == size) return hit;
        }
        Described<?> described = describe(formatOf(channel, file), channel, file, mtime, size);
        if (cache != null) cache.put(file, described);
        return described;
    }

    private static <D> Described<D> describe(ImageFormat<D> format, FileChannel channel, Path file, Instant mtime,
                                             long size) throws IOException {
        return new Described<>(mtime, size, format, format.describe(channel, file, mtime));
    }

    private ImageFormat<?> formatOf(FileChannel channel, Path file) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(ImageFormat.HEAD_BYTES);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // positional reads until the buffer is full or the file ends
        }
        head.flip();
        for (ImageFormat<?> f : formats) {
            if (f.recognises(head.duplicate())) return f;
        }
        // the same answer as for a missing file: a client must not learn which files exist
        log.warn("not an image in a known format: {}", file);
        throw new NotFoundException(NOT_FOUND);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing channel failed", e);
        }
    }
}
