package org.tessera.codec;

import com.github.luben.zstd.Zstd;

/** Whether zstd-jni's bundled native library loads on this machine (it unpacks into java.io.tmpdir). */
final class ZstdCheck {
    private ZstdCheck() {
    }

    /** @throws IllegalStateException with the reason when ZSTD cannot be used */
    static void require() {
        try {
            if (Zstd.compressBound(1) <= 0) throw new IllegalStateException("zstd-jni does not work");
        } catch (LinkageError e) {
            throw new IllegalStateException("ZSTD unavailable: " + LoadFailures.reason(e), e);
        }
    }
}
