package org.zoneplan.tiles;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The request-time metric of tiles answered in front of the filter that times every other request
 * (Spring's {@code ServerHttpObservationFilter}): the same meter, {@code http.server.requests} with
 * the same tags (error, exception, method, outcome, status, uri: the tile controller's pattern), so
 * a tile counts and times alike whichever way it went. Recorded on a timer looked up once per
 * method and status instead of through an observation per request, which built its tags, sorted
 * them and found its meters anew each time (about a sixth of a cached tile's time, issue 16); what
 * it does not keep is the count of requests in progress ({@code http.server.requests.active}), a
 * few microseconds long for a cached tile. Thread-safe.
 */
final class TileRequestTimers {
  static final String METER = "http.server.requests";

  private final MeterRegistry registry;
  private final ConcurrentMap<Integer, Timer> timers = new ConcurrentHashMap<>();

  TileRequestTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records one {@code GET} (or {@code HEAD}) answered with {@code status} in {@code nanos}. */
  void record(boolean head, int status, long nanos) {
    timers
        .computeIfAbsent((head ? 1000 : 0) + status, k -> timer(head, status, "none"))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Records one request whose answer failed with {@code failure} (the client went away). */
  void record(boolean head, int status, long nanos, Throwable failure) {
    timer(head, status, failure.getClass().getSimpleName()).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer timer(boolean head, int status, String exception) {
    return Timer.builder(METER)
        .tags(
            Tags.of(
                "error",
                exception,
                "exception",
                exception,
                "method",
                head ? "HEAD" : "GET",
                "outcome",
                outcome(status),
                "status",
                Integer.toString(status),
                "uri",
                CachedTileFilter.PATTERN))
        .register(registry);
  }

  /** The outcome tag of Spring's server observation convention: the status's class. */
  static String outcome(int status) {
    return switch (status / 100) {
      case 1 -> "INFORMATIONAL";
      case 2 -> "SUCCESS";
      case 3 -> "REDIRECTION";
      case 4 -> "CLIENT_ERROR";
      case 5 -> "SERVER_ERROR";
      default -> "UNKNOWN";
    };
  }
}
