package org.zoneplan.system;

import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.zoneplan.codecs.gis.TempFiles;

/** Binds {@link ExchangeProperties}; sweeps the temp folders earlier runs left behind. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
class ExchangeConfiguration {
  /**
   * How long a temp folder must have been left unchanged before a start deletes it: longer than any
   * import or export runs (reading an upload is bounded by {@code read-timeout}, 60 s), so a second
   * process sharing the folder keeps its work.
   */
  static final Duration LEFTOVER_AGE = Duration.ofMinutes(15);

  private final ExchangeProperties properties;

  ExchangeConfiguration(ExchangeProperties properties) {
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void sweepLeftovers() {
    int n = TempFiles.sweep(properties.tempDir(), LEFTOVER_AGE);
    if (n > 0) {
      LoggerFactory.getLogger(ExchangeConfiguration.class)
          .info("Deleted {} temp folders left by earlier runs in {}", n, properties.tempDir());
    }
  }
}
