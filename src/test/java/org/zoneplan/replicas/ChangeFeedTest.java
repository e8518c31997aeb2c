package org.zoneplan.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Envelope;
import org.zoneplan.divisions.DivisionsChangedEvent;
import org.zoneplan.enterprises.EnterprisesChangedEvent;
import org.zoneplan.evaluation.RuleSetsChangedEvent;
import org.zoneplan.indicators.IndicatorsCache;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.zones.ZonesChangedEvent;

/**
 * The change feed against a real PostGIS with the V17 triggers, without Spring: writes made over
 * plain JDBC (as psql would) arrive as events with their exact bounding boxes; a transaction that
 * took its log row before another but commits after it is still read; the process's own zone and
 * parcel rows are skipped; and after the feed's connection is killed it reconnects and reads what
 * was committed meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeFeedTest {
  private PostgisTestDatabase.Database db;
  private HikariDataSource pool;
  private ReplicaOrigin origin;
  private ChangeFeed feed;
  private final List<Object> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    db = PostgisTestDatabase.create("changefeed");
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
    origin = new ReplicaOrigin();
    origin.postProcessAfterInitialization(pool, "dataSource");
    feed =
        new ChangeFeed(
            pool,
            new ReplicaProperties(
                true, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(24)),
            origin,
            events::add,
            new IndicatorsCache());
    feed.start();
  }

  @AfterAll
  void stop() {
    if (feed != null) {
      feed.stop();
    }
    if (pool != null) {
      pool.close();
    }
  }

  @BeforeEach
  void clear() {
    events.clear();
  }

  private void sql(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private List<Object> awaitEvents(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (events.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(events).as("events within a second").hasSizeGreaterThanOrEqualTo(count);
    Thread.sleep(200); // and no more after them
    return List.copyOf(events);
  }

  private static String insertParcel(double x) {
    return "INSERT INTO parcel (scheme, land_use_code, area_m2, geom) VALUES ('GBT21010_2017',"
        + " '0601', 1, ST_Multi(ST_MakeEnvelope("
        + x
        + ", 29.1, "
        + (x + 0.001)
        + ", 29.102, 4490)))";
  }

  @Test
  void aPlainSqlUpdateArrivesWithTheOldAndTheNewBox() throws Exception {
    try (Connection c = db.connect()) {
      sql(c, insertParcel(119.5));
      awaitEvents(1);
      events.clear();
      sql(c, "UPDATE parcel SET geom = ST_Translate(geom, 0.25, 0.5) WHERE ST_XMin(geom) = 119.5");
    }
    assertThat(awaitEvents(2))
        .containsExactly(
            new ParcelsChangedEvent(new Envelope(119.5, 119.501, 29.1, 29.102)),
            new ParcelsChangedEvent(new Envelope(119.75, 119.751, 29.6, 29.602)));
  }

  @Test
  void aTransactionCommittingAfterALaterOneIsStillRead() throws Exception {
    try (Connection early = db.connect();
        Connection late = db.connect()) {
      early.setAutoCommit(false);
      sql(early, insertParcel(118.0)); // takes the smaller seq, commits last
      sql(late, insertParcel(118.5));
      assertThat(awaitEvents(1))
          .containsExactly(new ParcelsChangedEvent(new Envelope(118.5, 118.501, 29.1, 29.102)));
      events.clear();
      early.commit();
      assertThat(awaitEvents(1))
          .containsExactly(new ParcelsChangedEvent(new Envelope(118.0, 118.001, 29.1, 29.102)));
    }
  }

  /** Own division rows too: {@code DivisionService} publishes their event (issue 12). */
  @Test
  void ownParcelAndDivisionRowsAreSkippedOtherClientsNot() throws Exception {
    try (Connection own = pool.getConnection()) {
      sql(own, insertParcel(117.0));
      sql(
          own,
          "INSERT INTO division (code, name, level, geom) VALUES ('339999', '测试', 'COUNTY',"
              + " ST_Multi(ST_MakeEnvelope(117, 29, 117.5, 29.5, 4490)))");
    }
    try (Connection other = db.connect()) {
      sql(
          other,
          "INSERT INTO division (code, name, level, geom) VALUES ('339998', '测试二', 'COUNTY',"
              + " ST_Multi(ST_MakeEnvelope(117.5, 29, 118, 29.5, 4490)))");
    }
    assertThat(awaitEvents(1))
        .containsExactly(
            new DivisionsChangedEvent("339998", null, new Envelope(117.5, 118, 29, 29.5)));
  }

  @Test
  void afterItsConnectionIsKilledTheFeedReadsWhatWasCommittedMeanwhile() throws Exception {
    try (Connection c = db.connect()) {
      sql(
          c,
          "INSERT INTO plan_version (id, name, plan_date, status) VALUES ('feed-test', '测试',"
              + " DATE '2024-01-01', 'DRAFT')");
      awaitEvents(0);
      sql(
          c,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = 'zoneplan change feed'");
      sql(
          c,
          "INSERT INTO zone (plan_id, code, name, kind, area_m2, planar_area_m2, gk_epsg, geom)"
              + " VALUES ('feed-test', 'Z', '区', 'ZONE', 1, 1, 4539,"
              + " ST_Multi(ST_MakeEnvelope(119, 29, 119.1, 29.1, 4490)))");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (events.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(events)
        .containsExactly(
            new ZonesChangedEvent("feed-test", "Z", null, new Envelope(119, 119.1, 29, 29.1)));
  }

  @Test
  void afterTooLongWithoutTheLogTheFeedDropsEverything() throws Exception {
    try (Connection c = db.connect()) {
      // Half the retention (24 h) and more: rows it never read may have been pruned.
      feed.lastReadAgo(Duration.ofHours(13));
      sql(
          c,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = 'zoneplan change feed'");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!events.contains(new ParcelsChangedEvent(null)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(events)
        .contains(
            new ParcelsChangedEvent(null),
            new EnterprisesChangedEvent(),
            new RuleSetsChangedEvent(0));
  }
}
