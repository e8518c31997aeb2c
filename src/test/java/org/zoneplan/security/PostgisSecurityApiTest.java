package org.zoneplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.ZoneplanApplication;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * Security on PostGIS (a copy of the sample store of its own; skipped when no PostGIS can be had,
 * never in CI), and the production rules for accounts: no demo accounts, the first admin's password
 * from the environment, no start without one.
 */
class PostgisSecurityApiTest extends SecurityApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("security", "zoneplan.sample-data.parcels=2000");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Test
  void postgisHasNoDemoAccounts() {
    for (InitialUsers.Demo demo : InitialUsers.DEMO) {
      String user = demo.username();
      if (user.equals("admin")) {
        continue;
      }
      assertProblem(
          admin.as(new Credentials(user, "demo")).get("/api/plans"),
          401,
          "urn:zoneplan:problem:bad-credentials",
          user);
    }
    assertThat(
            jdbc.sql("SELECT created_by FROM app_user WHERE username = 'admin'")
                .query(String.class)
                .single())
        .isEqualTo("system");
  }

  private static String[] emptyStore(String name, String... more) {
    PostgisTestDatabase.Database db = PostgisTestDatabase.create(name);
    String[] base = {
      "--server.port=0",
      "--zoneplan.store=postgis",
      "--spring.datasource.url=" + db.jdbcUrl(),
      "--spring.datasource.username=" + db.username(),
      "--spring.datasource.password=" + db.password(),
      "--spring.datasource.hikari.maximum-pool-size=2",
      "--zoneplan.sample-data.enabled=false",
      "--zoneplan.analysis.warm-up=false"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void anEmptyPostgisStoreRefusesToStartWithoutTheAdminPassword() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(ZoneplanApplication.class)
                    .run(emptyStore("noadmin", "--zoneplan.security.initial-admin-password="))
                    .close())
        .hasStackTraceContaining("ZONEPLAN_ADMIN_PASSWORD");
  }

  @Test
  void demoAccountsAreRefusedOnPostgis() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(ZoneplanApplication.class)
                    .run(emptyStore("nodemo", "--zoneplan.security.demo-users=true"))
                    .close())
        .hasStackTraceContaining("demo accounts have a known password");
  }

  @Test
  void theFirstAdminTakesThePasswordFromTheEnvironmentSetting() {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(ZoneplanApplication.class)
            .run(
                emptyStore(
                    "firstadmin", "--zoneplan.security.initial-admin-password=from-the-env-1"))) {
      UserService users = app.getBean(UserService.class);
      assertThat(users.all())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.username()).isEqualTo("admin");
                assertThat(u.roles()).containsExactly(Role.ADMIN);
              });
      org.springframework.security.crypto.password.PasswordEncoder encoder =
          app.getBean(org.springframework.security.crypto.password.PasswordEncoder.class);
      String hash =
          app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
              .sql("SELECT password_hash FROM app_user WHERE username = 'admin'")
              .query(String.class)
              .single();
      assertThat(hash).startsWith("{bcrypt}");
      assertThat(encoder.matches("from-the-env-1", hash)).isTrue();
    }
  }
}
