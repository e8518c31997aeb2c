package org.zoneplan.tiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.zoneplan.testsupport.Credentials;

/** Fetches tiles as bytes from a server on a local port, with the headers the tests need. */
final class TileClient {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final String base;

  TileClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Response(
      int status, String contentType, String contentEncoding, String etag, byte[] body) {
    /** The body, gunzipped when it came gzipped. */
    byte[] decoded() {
      if (!"gzip".equals(contentEncoding)) {
        return body;
      }
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  Response get(String path) {
    return get(path, null, null);
  }

  Response get(String path, String acceptEncoding, String ifNoneMatch) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", Credentials.ADMIN.header())
            .GET();
    if (acceptEncoding != null) {
      request.header("Accept-Encoding", acceptEncoding);
    }
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    try {
      HttpResponse<byte[]> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Content-Encoding").orElse(null),
          response.headers().firstValue("ETag").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
