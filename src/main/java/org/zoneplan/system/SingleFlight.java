package org.zoneplan.system;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One computation for concurrent callers with equal keys: the first caller computes, the others
 * wait for its result instead of computing the same thing beside it. Without it, 64 clients asking
 * for a result that an edit just dropped from a cache computed it 64 times at once on two cores,
 * each too slowly to finish within its request's time limit (issue 16's mixed load).
 *
 * <p>A waiting caller checks its own {@link Deadline} while it waits. If the computation it waits
 * for fails (its caller's time limit, a problem), it computes for itself, so it gets its own answer
 * or its own error. A caller that is itself computing for others (a nested computation) never
 * waits: it computes, as it would without this class, so that two computations can never wait for
 * each other.
 *
 * <p>Nothing is kept once a computation has finished: keeping results is the caller's cache's job.
 * Thread-safe.
 */
public final class SingleFlight<K> {
  private static final Object FAILED = new Object();

  /** How many computations the current thread is running for others (nesting depth). */
  private static final ThreadLocal<int[]> COMPUTING = ThreadLocal.withInitial(() -> new int[1]);

  private final Map<K, CompletableFuture<Object>> running = new ConcurrentHashMap<>();

  /** The value of {@code compute}, computed once for callers that ask at the same time. */
  @SuppressWarnings("unchecked")
  public <T> T get(K key, Supplier<T> compute) {
    int[] depth = COMPUTING.get();
    if (depth[0] > 0) {
      return compute.get();
    }
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> other = running.putIfAbsent(key, mine);
    if (other != null) {
      Object shared = await(other);
      return shared == FAILED ? compute.get() : (T) shared;
    }
    depth[0]++;
    try {
      T value = compute.get();
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      depth[0]--;
      running.remove(key, mine);
      if (!mine.isDone()) {
        mine.complete(FAILED); // not reached: every path above completes it
      }
    }
  }

  /** How many computations are under way (for tests). */
  int running() {
    return running.size();
  }

  private static Object await(CompletableFuture<Object> result) {
    while (true) {
      try {
        return result.get(20, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        Deadline.check();
      } catch (ExecutionException e) {
        return FAILED;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Deadline.check();
        return FAILED;
      }
    }
  }
}
