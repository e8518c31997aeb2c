package org.zoneplan.replicas;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code zoneplan.replicas.*}: the change feed of a PostGIS store (no effect on the embedded store,
 * which one process holds alone).
 *
 * @param enabled whether this process follows the store's change log (default true)
 * @param pollInterval how often the log is read when no notification came (a backstop; a
 *     notification wakes the reader at once)
 * @param reconnectDelay the wait before reconnecting after the feed's connection failed
 * @param retention how long rows stay in {@code change_log}; a process that could not read it for
 *     half as long drops all its cached results, since what it missed may have been pruned
 */
@ConfigurationProperties("zoneplan.replicas")
public record ReplicaProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5s") Duration pollInterval,
    @DefaultValue("1s") Duration reconnectDelay,
    @DefaultValue("24h") Duration retention) {

  public ReplicaProperties {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("zoneplan.replicas.poll-interval must be positive");
    }
    if (reconnectDelay.isNegative()) {
      throw new IllegalArgumentException("zoneplan.replicas.reconnect-delay must not be negative");
    }
    if (retention.compareTo(Duration.ofMinutes(10)) < 0) {
      throw new IllegalArgumentException("zoneplan.replicas.retention must be at least 10 minutes");
    }
  }
}
