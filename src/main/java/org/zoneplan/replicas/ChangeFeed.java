package org.zoneplan.replicas;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.zoneplan.indicators.IndicatorsCache;

/**
 * Follows the store's {@code change_log} (PostGIS): a connection of its own, outside the pool,
 * {@code LISTEN}s on {@code zoneplan_changes}; on each notification, and every {@code
 * zoneplan.replicas.poll-interval} in case one was missed, it reads the rows committed since its
 * last read and publishes them as application events ({@link ChangeBatch}), on its own thread,
 * outside any transaction, so the caches' listeners run at once.
 *
 * <p><b>Which rows are new</b> is decided by transaction visibility, not by sequence number: the
 * feed keeps the snapshot ({@code pg_current_snapshot()}) of its last read and reads the rows whose
 * {@code xid} is visible now and was not then. A transaction that was running at the last read
 * (whatever seq it took) is read once it commits; a rolled-back one never.
 *
 * <p><b>Failures</b>: when the connection fails, the feed reconnects after {@code reconnect-delay}
 * and reads from the snapshot it kept, so nothing committed meanwhile is missed. If it could not
 * read for half the log's retention, rows it never read may have been pruned, and it drops every
 * cached result instead. The feed prunes rows older than the retention itself, at most every ten
 * minutes (any process may; deleting twice is harmless).
 *
 * <p>It starts before the web server and the analysis warm-up (lifecycle phase), so its first
 * snapshot is older than anything the caches hold.
 */
@Component
@ConditionalOnProperty(name = "zoneplan.store", havingValue = "postgis")
public class ChangeFeed implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

  static final String CHANNEL = "zoneplan_changes";
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
  private static final int FETCH_SIZE = 2000;

  private static final String READ =
      "SELECT tbl, op, origin, plan_id, row_key,"
          + " old_min_x, old_min_y, old_max_x, old_max_y,"
          + " new_min_x, new_min_y, new_max_x, new_max_y"
          + " FROM change_log"
          + " WHERE xid >= pg_snapshot_xmin(CAST(? AS pg_snapshot))"
          + " AND pg_visible_in_snapshot(xid, CAST(? AS pg_snapshot))"
          + " AND NOT pg_visible_in_snapshot(xid, CAST(? AS pg_snapshot))"
          + " ORDER BY seq";

  private final DataSource dataSource;
  private final ReplicaProperties properties;
  private final ReplicaOrigin origin;
  private final ApplicationEventPublisher events;
  private final IndicatorsCache indicators;
  private final AtomicLong batches = new AtomicLong();

  private volatile boolean running;
  private Thread thread;
  // The following are used by the feed's thread only (and by start() before it runs).
  private volatile Connection connection;
  private String snapshot;
  private volatile long lastReadNanos;
  private long lastPruneNanos;

  ChangeFeed(
      DataSource dataSource,
      ReplicaProperties properties,
      ReplicaOrigin origin,
      ApplicationEventPublisher events,
      IndicatorsCache indicators) {
    this.dataSource = dataSource;
    this.properties = properties;
    this.origin = origin;
    this.events = events;
    this.indicators = indicators;
  }

  /** Early: before the web server starts answering and before the warm-up reads the store. */
  @Override
  public int getPhase() {
    return -1000;
  }

  @Override
  public synchronized void start() {
    if (running || !properties.enabled()) {
      return;
    }
    try {
      connect();
      snapshot = currentSnapshot();
      connection.commit();
      lastReadNanos = System.nanoTime();
      lastPruneNanos = lastReadNanos - PRUNE_EVERY.toNanos();
    } catch (SQLException e) {
      // The pool has just been used by Flyway: a failure here is worth stopping for.
      throw new IllegalStateException("cannot follow the store's change log: " + e.getMessage(), e);
    }
    running = true;
    thread = new Thread(this::run, "zoneplan-change-feed");
    thread.setDaemon(true);
    thread.start();
    log.info("Following the store's change log (LISTEN {}) as {}", CHANNEL, origin.id());
  }

  @Override
  public void stop() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
      thread = null;
    }
    if (t != null) {
      t.interrupt();
      // Closing the connection ends a wait for notifications at once (a socket read ignores the
      // interrupt); the thread then sees running false and ends.
      close();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Batches of changes read and published so far (tests, metrics). */
  public long batches() {
    return batches.get();
  }

  /** Tests: as if the log was last read this long ago (to reach the drop-everything path). */
  void lastReadAgo(Duration ago) {
    lastReadNanos = System.nanoTime() - ago.toNanos();
  }

  private void run() {
    long delay = properties.reconnectDelay().toMillis();
    while (running) {
      try {
        if (connection == null) {
          connect();
          catchUp();
          delay = properties.reconnectDelay().toMillis();
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        // Blocks until a notification arrives or the poll interval passed; either way, read.
        pg.getNotifications((int) Math.max(1, properties.pollInterval().toMillis()));
        read();
        prune();
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        log.warn("Change feed: {}; reconnecting in {} ms", e.toString(), delay);
        close();
        try {
          Thread.sleep(delay);
        } catch (InterruptedException interrupted) {
          break;
        }
        // While the store stays away: wait longer each time, up to half a minute.
        delay = Math.min(Math.max(2 * delay, 100), 30_000);
      }
    }
    close();
  }

  private void connect() throws SQLException {
    HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
    Properties props = new Properties();
    props.putAll(hikari.getDataSourceProperties());
    if (hikari.getUsername() != null) {
      props.setProperty("user", hikari.getUsername());
    }
    if (hikari.getPassword() != null) {
      props.setProperty("password", hikari.getPassword());
    }
    props.setProperty("ApplicationName", "zoneplan change feed");
    // A connection that silently died (no reset from a lost network) must fail a read, not hang
    // the feed: a socket timeout beyond the longest wait for notifications, and TCP keepalive.
    props.setProperty("socketTimeout", Long.toString(properties.pollInterval().toSeconds() + 120));
    props.setProperty("tcpKeepAlive", "true");
    Connection c = DriverManager.getConnection(hikari.getJdbcUrl(), props);
    try (Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = '60s'");
      s.execute("LISTEN " + CHANNEL);
      c.setAutoCommit(false);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    connection = c;
  }

  /** After a reconnect: read what was missed, or drop everything if it may have been pruned. */
  private void catchUp() throws SQLException {
    long away = System.nanoTime() - lastReadNanos;
    if (away > properties.retention().toNanos() / 2) {
      String now = currentSnapshot();
      log.warn("Change feed: log not read for {} s; dropping every cached result", away / 1e9);
      ChangeBatch all = ChangeBatch.everything();
      List<Object> list = events(all);
      // Notifications reach a connection only outside a transaction: never wait inside one.
      connection.commit();
      snapshot = now;
      lastReadNanos = System.nanoTime();
      deliver(all, list);
    } else {
      read();
    }
  }

  private String currentSnapshot() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT CAST(pg_current_snapshot() AS text)")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Reads the rows committed since the last read and publishes them. */
  private void read() throws SQLException {
    // Taken first: a row committed between the two statements is visible to the second but not
    // in this snapshot, so it is left for the next read rather than read twice or never.
    String now = currentSnapshot();
    ChangeBatch batch = new ChangeBatch(origin.id());
    try (PreparedStatement q = connection.prepareStatement(READ)) {
      q.setFetchSize(FETCH_SIZE);
      q.setString(1, snapshot);
      q.setString(2, now);
      q.setString(3, snapshot);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          batch.add(
              new ChangeRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  ChangeRow.envelope(number(rs, 6), number(rs, 7), number(rs, 8), number(rs, 9)),
                  ChangeRow.envelope(
                      number(rs, 10), number(rs, 11), number(rs, 12), number(rs, 13))));
        }
      }
    }
    // Everything that needs the store is done before the snapshot moves on: a failure here reads
    // the same rows again after reconnecting.
    List<Object> list = batch.rows() > 0 ? events(batch) : List.of();
    connection.commit();
    snapshot = now;
    lastReadNanos = System.nanoTime();
    if (batch.rows() > 0) {
      deliver(batch, list);
    }
  }

  private List<Object> events(ChangeBatch batch) {
    return batch.events(
        () -> strings("SELECT id FROM plan_version"),
        () -> strings("SELECT username FROM app_user"),
        () -> strings("SELECT code FROM division"));
  }

  /** Publishes to this process's listeners; one failing listener does not stop the others. */
  private void deliver(ChangeBatch batch, List<Object> list) {
    for (Object event : list) {
      try {
        events.publishEvent(event);
      } catch (RuntimeException e) {
        log.error("Change feed: a listener of {} failed", event, e);
      }
    }
    if (batch.targetsChanged()) {
      indicators.dataChanged();
    }
    batches.incrementAndGet();
    log.debug("Change feed: {} rows, {} events", batch.rows(), list.size());
  }

  private List<String> strings(String sql) {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private void prune() throws SQLException {
    long now = System.nanoTime();
    if (now - lastPruneNanos < PRUNE_EVERY.toNanos()) {
      return;
    }
    lastPruneNanos = now;
    try (PreparedStatement d =
        connection.prepareStatement(
            "DELETE FROM change_log WHERE at < now() - CAST(? AS interval)")) {
      d.setString(1, properties.retention().toSeconds() + " seconds");
      int n = d.executeUpdate();
      connection.commit();
      if (n > 0) {
        log.debug("Change feed: {} old rows pruned", n);
      }
    }
  }

  private static Double number(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  private synchronized void close() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing a broken connection
      }
    }
  }
}
