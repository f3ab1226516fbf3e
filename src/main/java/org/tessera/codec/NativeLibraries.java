package org.tessera.codec;

import com.sun.jna.NativeLibrary;

/** How every native library Tessera binds is found. */
final class NativeLibraries {
    private NativeLibraries() {
    }

    /**
     * The file named by the system property {@code property} (installs outside Debian's paths),
     * else {@code versioned} (Debian ships only the versioned name unless the -dev package is
     * installed), else {@code plain} as the linker finds it.
     */
    static NativeLibrary open(String property, String versioned, String plain) {
        String configured = System.getProperty(property);
        if (configured != null) return NativeLibrary.getInstance(configured);
        try {
            return NativeLibrary.getInstance(versioned);
        } catch (UnsatisfiedLinkError notVersioned) {
            return NativeLibrary.getInstance(plain);
        }
    }
}
