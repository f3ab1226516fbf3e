package org.tessera.protocol.iip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tessera.http.Header;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;
import org.tessera.image.ImageInfo;
import org.tessera.image.PyramidGeometry;
import org.tessera.image.TileAddress;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.service.RenderedImage;

/**
 * Legacy {@code TIL=r,start[-end]}: the rectangle of tiles spanned by two tile numbers, JPEG
 * encoded, in one application/vnd.netfpx body. Per tile: {@code Tile,<r>,<n>,0/<len+8>:}, four
 * bytes compression type (2 = JPEG), four bytes sub-type {@code 00 11 00 00}, the JPEG, CRLF.
 * Tiles go column by column (outer loop x, inner loop y) as in iipsrv. No view processing.
 * Unlike iipsrv, one request spans at most {@link #MAX_TILES} tiles: the whole body is built in
 * memory, and {@code TIL=r,0-99999} must not make one request render a whole level.
 */
final class TilCommand {
    static final int MAX_TILES = 256;

    private static final byte[] JPEG_TYPE = {2, 0, 0, 0};
    private static final byte[] SUB_TYPE = {0, 0x11, 0, 0};

    private TilCommand() {
    }

    static HttpResponse run(String command, String argument, Session s) {
        int comma = argument.indexOf(',');
        if (comma < 0) throw HttpError.badRequest(command + ": expected resolution,start[-end]");
        int resolution = Args.integer(command, argument.substring(0, comma));
        String range = argument.substring(comma + 1);
        int dash = range.indexOf('-', 1);
        int start = Args.integer(command, dash < 0 ? range : range.substring(0, dash));
        int end = dash < 0 ? start : Args.integer(command, range.substring(dash + 1));
        if (end < start) end = start;

        ImageInfo info = s.info();
        PyramidGeometry geometry = new PyramidGeometry(info);
        int nativeLevel = geometry.nativeLevel(resolution);
        TileAddress first = geometry.tileAt(nativeLevel, start), last = geometry.tileAt(nativeLevel, end);
        int across = geometry.level(nativeLevel).tilesAcross();
        int x0 = first.col(), y0 = first.row(), x1 = last.col(), y1 = last.row();
        if (x1 < x0) {
            int t = x0;
            x0 = x1;
            x1 = t;
        }
        long tiles = (long) (x1 - x0 + 1) * (y1 - y0 + 1);
        if (tiles > MAX_TILES) {
            throw HttpError.badRequest(command + ": " + tiles + " tiles requested, at most " + MAX_TILES + " per request");
        }
        View plain = new View();
        plain.encoderQuality = s.view.encoderQuality;
        plain.page = s.view.page;
        plain.layers = s.view.layers;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int x = x0; x <= x1; x++) {
            for (int y = y0; y <= y1; y++) {
                int n = y * across + x;
                ImageRequest req = TileCommand.request(info, s.identifier(), resolution, n, OutputFormat.JPEG, plain);
                RenderedImage tile = s.context().renderer().render(s.source(), req);
                try {
                    byte[] head = ("Tile," + resolution + "," + n + ",0/" + (tile.length() + 8) + ":")
                            .getBytes(StandardCharsets.US_ASCII);
                    body.writeBytes(head);
                    body.writeBytes(JPEG_TYPE);
                    body.writeBytes(SUB_TYPE);
                    body.write(tile.bytes(), 0, tile.length());
                    body.writeBytes(new byte[] {'\r', '\n'});
                } finally {
                    tile.afterSent().run(); // copied into this body: a lent array may go back
                }
            }
        }
        List<Header> h = s.context().responses().base();
        h.add(new Header("Content-Type", Session.NETFPX));
        h.add(new Header("Last-Modified", org.tessera.protocol.Responses.httpDate(s.lastModified())));
        h.add(new Header("Cache-Control", s.context().config().cacheControl()));
        return s.context().responses().finish(200, h, body.toByteArray());
    }
}
