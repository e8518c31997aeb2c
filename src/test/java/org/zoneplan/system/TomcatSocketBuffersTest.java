package org.zoneplan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

class TomcatSocketBuffersTest {

  @Test
  void theConnectorsSocketWriteBufferIsTheConfiguredSize() {
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
    new TomcatSocketBuffers(65536).customize(factory);
    Connector connector = new Connector();
    factory.getConnectorCustomizers().forEach(c -> c.customize(connector));
    assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize"))).isEqualTo("65536");
  }

  @Test
  void sizesOutsideTheBoundsAreRefusedAtStart() {
    assertThatThrownBy(() -> new TomcatSocketBuffers(512))
        .hasMessageContaining("zoneplan.http.socket-write-buffer-bytes");
    assertThatThrownBy(() -> new TomcatSocketBuffers(1 << 21)).hasMessageContaining("1024–1048576");
  }
}
