package org.tessera;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Tessera's version, as written once in the pom: Maven filters it into
 * {@code org/tessera/version.properties}, and --version, the startup banner, the Server header and
 * the info page all read it from here.
 */
public final class Version {
    private static final String RESOURCE = "org/tessera/version.properties";
    private static final String NUMBER = load();

    private Version() {
    }

    /** The project version, e.g. {@code 0.1.0} or {@code 0.1.0-SNAPSHOT}. */
    public static String number() { return NUMBER; }

    /** The product token for the Server header, e.g. {@code Tessera/0.1.0}. */
    public static String serverToken() { return "Tessera/" + NUMBER; }

    private static String load() {
        try (InputStream in = Version.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing from the classpath (build with Maven)");
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            if (v.isEmpty() || v.startsWith("${")) throw new IllegalStateException(RESOURCE + " was not filtered by Maven: '" + v + "'");
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
