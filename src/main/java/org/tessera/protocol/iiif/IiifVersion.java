package org.tessera.protocol.iiif;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two IIIF Image API versions served; 1.x requests get the 2.1 layout, as in iipsrv. */
public enum IiifVersion {
    V2(2), V3(3);

    private static final Pattern ACCEPT_PROFILE = Pattern.compile("http://iiif\\.io/api/image/(\\d)/context\\.json");

    private final int number;

    IiifVersion(int number) {
        this.number = number;
    }

    public int number() { return number; }

    public String context() { return "http://iiif.io/api/image/" + number + "/context.json"; }

    public String level2Profile() { return "http://iiif.io/api/image/" + number + "/level2.json"; }

    public static IiifVersion of(int configured) { return configured <= 2 ? V2 : V3; }

    /** The version an Accept header asks for by JSON-LD profile (e.g. application/ld+json;profile="…/2/context.json"). */
    public static Optional<IiifVersion> requestedBy(Optional<String> accept) {
        if (accept.isEmpty()) return Optional.empty();
        Matcher m = ACCEPT_PROFILE.matcher(accept.get());
        if (!m.find()) return Optional.empty();
        int d = m.group(1).charAt(0) - '0';
        return d >= 1 && d <= 3 ? Optional.of(of(d)) : Optional.empty();
    }
}
