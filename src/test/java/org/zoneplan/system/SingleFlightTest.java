package org.zoneplan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Waits until {@code n} threads of the pool are parked in a timed wait (the waiters' loop). */
  private static void awaitWaiting(List<Thread> threads, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (threads.stream().filter(t -> t.getState() == Thread.State.TIMED_WAITING).count() < n) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the callers did not start waiting");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void concurrentCallersWithTheSameKeyShareOneComputation() throws Exception {
    SingleFlight<String> flight = new SingleFlight<>();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger computations = new AtomicInteger();
    Future<Integer> first =
        pool.submit(
            () ->
                flight.get(
                    "k",
                    () -> {
                      computations.incrementAndGet();
                      started.countDown();
                      await(release);
                      return 42;
                    }));
    started.await();
    List<Thread> waiters = new ArrayList<>();
    List<Future<Integer>> others = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      CountDownLatch in = new CountDownLatch(1);
      others.add(
          pool.submit(
              () -> {
                synchronized (waiters) {
                  waiters.add(Thread.currentThread());
                }
                in.countDown();
                return flight.get(
                    "k",
                    () -> {
                      computations.incrementAndGet();
                      return -1;
                    });
              }));
      in.await();
    }
    awaitWaiting(waiters, 8);
    release.countDown();
    assertThat(first.get()).isEqualTo(42);
    for (Future<Integer> f : others) {
      assertThat(f.get()).isEqualTo(42);
    }
    assertThat(computations).hasValue(1);
    assertThat(flight.running()).isZero();

    // Once finished nothing is kept: the next caller computes again.
    assertThat(flight.get("k", () -> 7)).isEqualTo(7);
  }

  @Test
  void differentKeysDoNotWaitForEachOther() {
    SingleFlight<String> flight = new SingleFlight<>();
    assertThat(flight.get("a", () -> flight.get("b", () -> 2) + 1)).isEqualTo(3);
  }

  @Test
  void aNestedCallWithTheSameKeyComputesInsteadOfWaitingForItself() {
    SingleFlight<String> flight = new SingleFlight<>();
    assertThat(flight.get("k", () -> flight.get("k", () -> 5) * 2)).isEqualTo(10);
  }

  @Test
  void aWaiterComputesForItselfWhenTheSharedComputationFails() throws Exception {
    SingleFlight<String> flight = new SingleFlight<>();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> failing =
        pool.submit(
            () ->
                flight.get(
                    "k",
                    () -> {
                      started.countDown();
                      await(release);
                      throw new IllegalStateException("boom");
                    }));
    started.await();
    List<Thread> waiter = new ArrayList<>();
    CountDownLatch in = new CountDownLatch(1);
    Future<Integer> other =
        pool.submit(
            () -> {
              synchronized (waiter) {
                waiter.add(Thread.currentThread());
              }
              in.countDown();
              return flight.get("k", () -> 9);
            });
    in.await();
    awaitWaiting(waiter, 1);
    release.countDown();
    assertThatThrownBy(failing::get).hasRootCauseMessage("boom");
    assertThat(other.get()).isEqualTo(9);
  }

  @Test
  void aWaiterStopsAtItsOwnTimeLimit() throws Exception {
    SingleFlight<String> flight = new SingleFlight<>();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> slow =
        pool.submit(
            () ->
                flight.get(
                    "k",
                    () -> {
                      started.countDown();
                      await(release);
                      return 1;
                    }));
    started.await();
    Future<Integer> limited =
        pool.submit(
            () ->
                Deadline.run(Duration.ofMillis(100), "test.limit", () -> flight.get("k", () -> 2)));
    assertThatThrownBy(limited::get).hasCauseInstanceOf(Deadline.ExceededException.class);
    release.countDown();
    assertThat(slow.get()).isEqualTo(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
