package org.zoneplan.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny JSON client for tests that talk to a server on a random local port, signed in with HTTP
 * Basic as {@link Credentials#ADMIN} unless told otherwise ({@link #as}, {@link #anonymous}).
 */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final String base;
  private final Credentials credentials;

  public Http(int port) {
    this("http://127.0.0.1:" + port, Credentials.ADMIN);
  }

  private Http(String base, Credentials credentials) {
    this.base = base;
    this.credentials = credentials;
  }

  /** The same server, signed in as {@code user}. */
  public Http as(Credentials user) {
    return new Http(base, user);
  }

  /** The same server, without credentials. */
  public Http anonymous() {
    return new Http(base, null);
  }

  /** Sends any request (with this client's credentials). */
  public Response send(String method, String path, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(
        request.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  /** Status, content type and parsed body (null when the body is empty or not JSON). */
  public record Response(int status, String contentType, String text, JsonNode json) {}

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path, String body, String ifMatch) {
    HttpRequest.Builder request = withBody(path, body);
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public Response post(String path, String body) {
    return send(
        withBody(path, body)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public Response put(String path, String body) {
    return send(
        withBody(path, body)
            .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  /** PUT with If-Match (null: none). */
  public Response put(String path, String body, String ifMatch) {
    HttpRequest.Builder request = withBody(path, body);
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request.PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  /** DELETE with If-Match (null: none). */
  public Response delete(String path, String ifMatch) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request);
  }

  /** The ETag a GET answers, or null. */
  public String etag(String path) {
    try {
      return CLIENT
          .send(
              authorized(HttpRequest.newBuilder(URI.create(base + path)).GET()).build(),
              HttpResponse.BodyHandlers.discarding())
          .headers()
          .firstValue("ETag")
          .orElse(null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder withBody(String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/geo+json");
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    if (credentials != null) {
      request.header("Authorization", credentials.header());
    }
    return request;
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          CLIENT.send(
              authorized(request).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json = null;
      if (!response.body().isEmpty() && type.contains("json")) {
        json = JSON.readTree(response.body());
      }
      return new Response(response.statusCode(), type, response.body(), json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
