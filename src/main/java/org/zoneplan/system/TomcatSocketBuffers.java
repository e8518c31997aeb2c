package org.zoneplan.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's per-connection socket write buffer ({@code socket.appWriteBufSize}, 8 KiB by default),
 * from {@code zoneplan.http.socket-write-buffer-bytes}: a cached z14 tile (some 35 KB) then leaves
 * in one write instead of five. Spring Boot has no property for it, hence this customizer. The
 * memory is per open connection (kept in Tomcat's channel cache), so it is bounded by {@code
 * server.tomcat.max-connections}.
 */
@Component
public class TomcatSocketBuffers
    implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {
  private final int writeBufferBytes;

  public TomcatSocketBuffers(
      @Value("${zoneplan.http.socket-write-buffer-bytes:8192}") int writeBufferBytes) {
    if (writeBufferBytes < 1024 || writeBufferBytes > 1 << 20) {
      throw new IllegalArgumentException(
          "zoneplan.http.socket-write-buffer-bytes must be 1024–1048576, was " + writeBufferBytes);
    }
    this.writeBufferBytes = writeBufferBytes;
  }

  @Override
  public void customize(ConfigurableTomcatWebServerFactory factory) {
    factory.addConnectorCustomizers(
        connector ->
            connector.setProperty("socket.appWriteBufSize", Integer.toString(writeBufferBytes)));
  }
}
