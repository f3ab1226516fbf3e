/**
 * The FastCGI 1.0 responder transport, written from the specification.
 *
 * <p>Reading: {@link org.tessera.fcgi.FcgiParser} is the single loop per connection; it decodes
 * each record header ({@code HeaderParser}) and hands the body to the parser for its type
 * ({@code BeginRequestParser}, {@code ParamsParser}, {@code StreamContentParser}). Writing:
 * {@code FcgiGenerator} builds output records. {@code FcgiConnection} only glues the two to the
 * {@link org.tessera.http.RequestHandler}, through {@link org.tessera.fcgi.CgiRequests} and
 * {@link org.tessera.fcgi.CgiResponseWriter}. {@link org.tessera.fcgi.FcgiServer} accepts
 * connections on a channel from {@link org.tessera.fcgi.ListenAddress}.
 */
package org.tessera.fcgi;
