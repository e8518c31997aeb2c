package org.zoneplan.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the store from one property, {@code zoneplan.store}. For {@code h2gis} (the default) this
 * defines the embedded H2GIS file database; for {@code postgis} Spring Boot's own DataSource from
 * {@code spring.datasource.*} is used. Flyway picks the migrations of the engine from {@code
 * db/migration/{vendor}}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {
  private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

  @Bean
  @ConditionalOnProperty(name = "zoneplan.store", havingValue = "h2gis", matchIfMissing = true)
  DataSource h2gisDataSource(StoreProperties properties) {
    Path dir = properties.dataDir().toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create zoneplan.data-dir " + dir, e);
    }
    HikariDataSource dataSource = new HikariDataSource();
    // The file database is opened by this process only; H2's file lock refuses a second server.
    // WRITE_DELAY=0: every commit is written before it is acknowledged. H2's default (500 ms)
    // loses acknowledged commits when the process is killed (the crash tests showed it).
    // LOCK_TIMEOUT=10000: a write waits up to 10 s for a row another write holds (two planners on
    // one zone) instead of H2's 1 s, after which a busy machine answered 500 in the load test.
    // PostgreSQL waits without limit by default.
    dataSource.setJdbcUrl(
        "jdbc:h2:file:"
            + dir.resolve("zoneplan")
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000");
    dataSource.setUsername("sa");
    dataSource.setPassword("");
    dataSource.setPoolName("zoneplan-h2gis");
    log.info("Store: embedded H2GIS in {}", dir);
    return dataSource;
  }
}
