package org.zoneplan.store;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The embedded store's transaction manager: one writing transaction at a time, as SQLite does.
 *
 * <p>Why: H2 2.4.240 loses secondary-index entries when several transactions write one table at
 * once. Under the mixed-load test (four planners editing zones, proposals approved, readers on
 * tiles) a zone's entry in {@code zone_width_idx} went missing; from then on every UPDATE of that
 * zone failed inside H2 with "Row not found when trying to delete from index" (90112), retried
 * until the lock timeout, and the zone could no longer be edited at all (h2database issue 4388
 * reports the same). Locking the zone's row first ({@code SELECT … FOR UPDATE}) did not prevent it,
 * so writers are serialised here, in the one process that opens the file. Reads do not take this
 * lock and run concurrently, as before. A writer that waits longer than the store's lock timeout
 * (10 s) gets {@link CannotAcquireLockException}, answered 503 {@code store-busy} with nothing
 * written, exactly as a row lock held too long was before. PostGIS is not affected and keeps
 * Spring's ordinary manager.
 */
final class SingleWriterTransactionManager extends JdbcTransactionManager {
  private final transient ReentrantLock writer = new ReentrantLock(true);
  private final transient Set<Object> holding =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private final Duration wait;

  SingleWriterTransactionManager(DataSource dataSource, Duration wait) {
    super(dataSource);
    this.wait = wait;
  }

  @Override
  protected void doBegin(Object transaction, TransactionDefinition definition) {
    boolean locked = false;
    if (!definition.isReadOnly()) {
      try {
        locked = writer.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!locked) {
        throw new CannotAcquireLockException(
            "another write held the embedded store for longer than " + wait);
      }
      holding.add(transaction);
    }
    try {
      super.doBegin(transaction, definition);
    } catch (RuntimeException | Error e) {
      release(transaction);
      throw e;
    }
  }

  @Override
  protected void doCleanupAfterCompletion(Object transaction) {
    try {
      super.doCleanupAfterCompletion(transaction);
    } finally {
      release(transaction);
    }
  }

  private void release(Object transaction) {
    if (holding.remove(transaction)) {
      writer.unlock();
    }
  }

  /** Whether a writing transaction is under way (for tests and diagnostics). */
  boolean writing() {
    return writer.isLocked();
  }
}
