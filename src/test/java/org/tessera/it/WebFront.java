package org.tessera.it;

/** A web server in front of Tessera instances, as a test sees it. */
interface WebFront extends AutoCloseable {
    /** http://127.0.0.1:port */
    String baseUrl();

    /** Base of IIP requests. */
    default String iipUrl() { return baseUrl() + "/fcgi-bin/iipsrv.fcgi"; }

    String diagnostics();

    @Override
    void close();
}
