package org.zoneplan.replicas;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The change feed, on a PostGIS store only ({@code zoneplan.store=postgis}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "zoneplan.store", havingValue = "postgis")
@EnableConfigurationProperties(ReplicaProperties.class)
class ReplicaConfiguration {

  @Bean
  static ReplicaOrigin replicaOrigin() {
    return new ReplicaOrigin();
  }
}
