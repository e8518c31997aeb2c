package org.zoneplan.system;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A time limit for the work of the current thread (issue 13: one analysis of a hostile plan kept a
 * core busy for 1,584 s). Spring-free: the analysis engine calls {@link #check()} in its loops, and
 * whoever starts a request's work sets the limit ({@link #start}, or {@link #run} around a piece of
 * work). Without a limit set (warm-up, exports, tests of the engine) {@link #check()} does nothing.
 *
 * <p>Work cannot be stopped from outside a JTS operation; a check between operations ends it within
 * one operation's time, which the geometry limits keep short.
 */
public final class Deadline {
  private static final ThreadLocal<Limit> CURRENT = new ThreadLocal<>();

  private Deadline() {}

  private record Limit(long endNanos, Duration limit, String property) {}

  /** Thrown by {@link #check()} once the limit has passed: the work is abandoned. */
  public static final class ExceededException extends RuntimeException {
    private final Duration limit;
    private final String property;

    ExceededException(Duration limit, String property) {
      super(
          "the computation took longer than "
              + describe(limit)
              + " ("
              + property
              + ") and was stopped");
      this.limit = limit;
      this.property = property;
    }

    public Duration limit() {
      return limit;
    }

    public String property() {
      return property;
    }
  }

  /**
   * Sets a limit of {@code limit} from now for the current thread, until {@link #clear()}.
   *
   * @param property the property that sets the limit, named when it is exceeded
   */
  public static void start(Duration limit, String property) {
    CURRENT.set(new Limit(System.nanoTime() + limit.toNanos(), limit, property));
  }

  public static void clear() {
    CURRENT.remove();
  }

  /** Runs {@code work} within {@code limit} (an outer, earlier limit still holds). */
  public static <T> T run(Duration limit, String property, Supplier<T> work) {
    Limit outer = CURRENT.get();
    Limit inner = new Limit(System.nanoTime() + limit.toNanos(), limit, property);
    if (outer == null || inner.endNanos() - outer.endNanos() < 0) {
      CURRENT.set(inner);
    }
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /**
   * The current thread's limit as a check that other threads working for it (a parallel stream) can
   * run: throws {@link ExceededException} once the limit has passed; does nothing without one.
   */
  public static Runnable capture() {
    Limit limit = CURRENT.get();
    if (limit == null) {
      return () -> {};
    }
    return () -> {
      if (System.nanoTime() - limit.endNanos() > 0) {
        throw new ExceededException(limit.limit(), limit.property());
      }
    };
  }

  /**
   * @throws ExceededException when the current thread's limit has passed (or the thread was
   *     interrupted)
   */
  public static void check() {
    Limit limit = CURRENT.get();
    if (limit != null
        && (System.nanoTime() - limit.endNanos() > 0 || Thread.currentThread().isInterrupted())) {
      throw new ExceededException(limit.limit(), limit.property());
    }
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
