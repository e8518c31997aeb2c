package org.zoneplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.transaction.support.TransactionTemplate;

/** The embedded store's writers take turns; readers do not wait; a writer waits a bounded time. */
class SingleWriterTransactionManagerTest {

  private static SingleWriterTransactionManager manager(Duration wait) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:single-writer-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    return new SingleWriterTransactionManager(h2, wait);
  }

  @Test
  void writersNeverOverlapAndReadersDoNotWait() throws Exception {
    SingleWriterTransactionManager manager = manager(Duration.ofSeconds(10));
    TransactionTemplate write = new TransactionTemplate(manager);
    TransactionTemplate read = new TransactionTemplate(manager);
    read.setReadOnly(true);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      Future<?>[] writers = new Future<?>[6];
      for (int i = 0; i < writers.length; i++) {
        writers[i] =
            pool.submit(
                () -> {
                  for (int n = 0; n < 20; n++) {
                    write.executeWithoutResult(
                        s -> {
                          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                          // A nested writing transaction on the same thread joins, a new one
                          // re-enters the lock instead of waiting for itself.
                          TransactionTemplate inner = new TransactionTemplate(manager);
                          inner.setPropagationBehavior(
                              TransactionTemplate.PROPAGATION_REQUIRES_NEW);
                          inner.executeWithoutResult(t -> Thread.onSpinWait());
                          inside.decrementAndGet();
                        });
                  }
                });
      }
      for (Future<?> f : writers) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isEqualTo(1);
    assertThat(manager.writing()).isFalse();

    // While a writer holds the store, a read-only transaction runs at once.
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread writer =
        new Thread(
            () ->
                write.executeWithoutResult(
                    s -> {
                      holding.countDown();
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    writer.start();
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    String readResult = read.execute(s -> "read");
    assertThat(readResult).isEqualTo("read");
    release.countDown();
    writer.join(10_000);
    assertThat(manager.writing()).isFalse();
  }

  @Test
  void aWriterWaitingLongerThanTheLockTimeoutIsRefusedAndTheLockIsNotLost() throws Exception {
    SingleWriterTransactionManager manager = manager(Duration.ofMillis(200));
    TransactionTemplate write = new TransactionTemplate(manager);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread writer =
        new Thread(
            () ->
                write.executeWithoutResult(
                    s -> {
                      holding.countDown();
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    writer.start();
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> write.executeWithoutResult(s -> {}))
        .isInstanceOf(CannotAcquireLockException.class);
    release.countDown();
    writer.join(10_000);
    // The refused writer did not leave the lock held, nor did the one that finished.
    assertThat(manager.writing()).isFalse();
    String written = write.execute(s -> "written");
    assertThat(written).isEqualTo("written");
    // A transaction that fails still lets the next writer in.
    assertThatThrownBy(
            () ->
                write.executeWithoutResult(
                    s -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(manager.writing()).isFalse();
  }
}
