package org.zoneplan.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.zoneplan.system.LimitsProperties;

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

  /** How long a write waits for another on the embedded store: a row lock or the writer lock. */
  static final Duration H2_LOCK_TIMEOUT = Duration.ofSeconds(10);

  @Bean
  @ConditionalOnProperty(name = "zoneplan.store", havingValue = "h2gis", matchIfMissing = true)
  DataSource h2gisDataSource(StoreProperties properties, LimitsProperties limits) {
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
    // QUERY_TIMEOUT: a statement running longer than zoneplan.limits.statement-timeout is
    // cancelled (error 57014, answered 503), as statement_timeout does on PostGIS.
    dataSource.setJdbcUrl(
        "jdbc:h2:file:"
            + dir.resolve("zoneplan")
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT="
            + H2_LOCK_TIMEOUT.toMillis()
            + ";QUERY_TIMEOUT="
            + limits.statementTimeout().toMillis());
    dataSource.setUsername("sa");
    dataSource.setPassword("");
    dataSource.setPoolName("zoneplan-h2gis");
    log.info("Store: embedded H2GIS in {}", dir);
    return dataSource;
  }

  /** One writer at a time on the embedded store (see {@link SingleWriterTransactionManager}). */
  @Bean
  @ConditionalOnProperty(name = "zoneplan.store", havingValue = "h2gis", matchIfMissing = true)
  PlatformTransactionManager transactionManager(DataSource dataSource) {
    return new SingleWriterTransactionManager(dataSource, H2_LOCK_TIMEOUT);
  }

  /**
   * PostGIS: every pooled connection gets {@code statement_timeout} from {@code
   * zoneplan.limits.statement-timeout} (after Spring Boot's {@code spring.datasource.hikari.*},
   * whose {@code connection-init-sql} sets the lock timeout), so that no query of any user runs
   * unbounded; PostgreSQL then cancels it with SQLSTATE 57014, answered 503.
   */
  @Bean
  static BeanPostProcessor postgisStatementTimeout(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource hikari
            && "postgis".equalsIgnoreCase(environment.getProperty("zoneplan.store", "h2gis"))) {
          Duration timeout =
              Binder.get(environment)
                  .bind("zoneplan.limits.statement-timeout", Duration.class)
                  .orElse(Duration.ofSeconds(30));
          String init = hikari.getConnectionInitSql();
          String set = "SET statement_timeout = " + timeout.toMillis();
          hikari.setConnectionInitSql(init == null || init.isBlank() ? set : init + "; " + set);
        }
        return bean;
      }
    };
  }
}
