package org.tessera.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * How a result is written to a shared tier. The key is a digest of everything that decides the
 * bytes, so it is short, has no characters memcached refuses, and every instance with the same
 * namespace computes the same one. The value repeats the full key text before the body: a digest
 * collision, or another program's item under the same key, reads as a miss, never as a wrong image.
 *
 * <p>Value layout: "TSR1", flags (bit 0: pass-through), width, height (int32 BE), key text length
 * (int32 BE) and key text (UTF-8), then the encoded image to the end. The response headers that
 * depend on the result (Content-Type from the format in the key, Last-Modified from the mtime in the
 * key) are derived from it again on the way out, so a configuration change of CORS or CACHE_CONTROL
 * applies to cached answers at once.
 */
public final class ResultCodec {
    private static final byte[] MAGIC = "TSR1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 1 + 4 + 4 + 4;

    private final String namespace;

    /** @param namespace what the keys of one compatible set of instances share (see {@link CacheNamespace}) */
    public ResultCodec(String namespace) {
        this.namespace = namespace;
    }

    public String key(ResultKey key) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
        byte[] digest = sha.digest(keyText(key).getBytes(StandardCharsets.UTF_8));
        return "tessera:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Bytes a value for this key will have beyond the image itself. */
    public int overhead(ResultKey key) { return HEADER + keyText(key).getBytes(StandardCharsets.UTF_8).length; }

    public byte[] encode(ResultKey key, EncodedResult result) {
        byte[] text = keyText(key).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER + text.length + result.data().length);
        b.put(MAGIC).put((byte) (result.passThrough() ? 1 : 0)).putInt(result.width()).putInt(result.height())
                .putInt(text.length).put(text).put(result.data());
        return b.array();
    }

    /** The result, or empty when the value is not one this key wrote. */
    public Optional<EncodedResult> decode(ResultKey key, byte[] value) {
        if (value == null || value.length < HEADER || !Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(value, MAGIC.length, value.length - MAGIC.length);
        boolean passThrough = (b.get() & 1) != 0;
        int width = b.getInt(), height = b.getInt(), textLength = b.getInt();
        if (width <= 0 || height <= 0 || textLength < 0 || textLength > b.remaining()) return Optional.empty();
        byte[] expected = keyText(key).getBytes(StandardCharsets.UTF_8);
        int at = b.position();
        if (textLength != expected.length || !Arrays.equals(value, at, at + textLength, expected, 0, expected.length)) {
            return Optional.empty();
        }
        byte[] data = Arrays.copyOfRange(value, at + textLength, value.length);
        return Optional.of(new EncodedResult(data, width, height, passThrough));
    }

    private String keyText(ResultKey key) {
        return namespace + '\n' + key.identifier() + '\n' + key.mtimeMillis() + '\n' + key.kind() + '\n' + key.spec();
    }
}
