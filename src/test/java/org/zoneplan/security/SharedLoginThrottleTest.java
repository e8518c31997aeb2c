package org.zoneplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * Two processes' throttles on one PostGIS (issue 16, point 4): failures made against either count
 * for both, so spreading guesses over replicas does not multiply them; a success clears the count
 * for both; the store keeps no user name, only a digest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedLoginThrottleTest {
  private HikariDataSource pool;
  private JdbcClient jdbc;

  @BeforeAll
  void start() {
    PostgisTestDatabase.Database db = PostgisTestDatabase.create("throttle");
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.username(), db.password())
        .locations("classpath:db/migration/postgresql")
        .load()
        .migrate();
    pool = new HikariDataSource();
    pool.setJdbcUrl(db.jdbcUrl());
    pool.setUsername(db.username());
    pool.setPassword(db.password());
    pool.setMaximumPoolSize(2);
    jdbc = JdbcClient.create(pool);
  }

  @AfterAll
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  private LoginThrottle process() {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("jdbc", jdbc);
    return new LoginThrottle("postgis", beans.getBeanProvider(JdbcClient.class));
  }

  @Test
  void failuresOnEitherProcessCountForBoth() {
    LoginThrottle a = process();
    LoginThrottle b = process();
    for (int i = 0; i < LoginThrottle.MAX_FAILURES - 2; i++) {
      a.failed("Planner", "10.0.0.7");
    }
    b.failed("planner", "10.0.0.7");
    assertThat(b.locked("planner", "10.0.0.7")).isFalse();
    b.failed("planner", "10.0.0.7"); // the fifth failure in all
    assertThat(b.locked("planner", "10.0.0.7")).isTrue();
    // a learns of it at its next failure: one more guess, not five
    assertThat(a.locked("planner", "10.0.0.7")).isFalse();
    a.failed("planner", "10.0.0.7");
    assertThat(a.locked("planner", "10.0.0.7")).isTrue();
    // another address is not locked
    assertThat(a.locked("planner", "10.0.0.8")).isFalse();
    assertThat(
            jdbc.sql("SELECT count(*) FROM login_failure WHERE throttle_key LIKE '%planner%'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(jdbc.sql("SELECT max(failures) FROM login_failure").query(Integer.class).single())
        .isEqualTo(LoginThrottle.MAX_FAILURES + 1);
  }

  @Test
  void aSuccessClearsTheSharedCount() {
    LoginThrottle a = process();
    LoginThrottle b = process();
    for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
      a.failed("viewer", "10.0.0.9");
    }
    b.succeeded("viewer", "10.0.0.9");
    a.succeeded("viewer", "10.0.0.9");
    LoginThrottle c = process();
    c.failed("viewer", "10.0.0.9");
    assertThat(c.locked("viewer", "10.0.0.9")).isFalse();
    a.failed("viewer", "10.0.0.9");
    assertThat(a.locked("viewer", "10.0.0.9")).isFalse();
  }
}
