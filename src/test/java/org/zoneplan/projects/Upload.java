package org.zoneplan.projects;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.Multipart;

/** One file posted as multipart/form-data with form fields, and file downloads, in tests. */
final class Upload {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Upload() {}

  static Http.Response post(
      int port,
      String path,
      Credentials user,
      String fileName,
      byte[] file,
      Map<String, String> fields) {
    Multipart upload = new Multipart().as(user).file(fileName, file);
    fields.forEach(upload::field);
    try {
      return upload.post(port, path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Downloads a file's bytes. */
  static HttpResponse<byte[]> get(int port, String path, Credentials user) {
    try {
      return CLIENT.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Authorization", user.header())
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
