package org.zoneplan.replicas;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * This process's id in the change log: every pooled connection sets the session setting {@code
 * zoneplan.origin} to it, and the triggers copy it into {@code change_log.origin}, so that the feed
 * can skip the zone and parcel changes this process has already handled through its own events. A
 * fresh random id per application context (two contexts in one JVM are two replicas).
 */
final class ReplicaOrigin implements BeanPostProcessor {
  private final String id = "zoneplan-" + UUID.randomUUID();

  String id() {
    return id;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof HikariDataSource hikari) {
      // The id is a UUID: nothing in it needs quoting beyond the quotes.
      String set = "SET zoneplan.origin = '" + id + "'";
      String init = hikari.getConnectionInitSql();
      hikari.setConnectionInitSql(init == null || init.isBlank() ? set : init + "; " + set);
    }
    return bean;
  }
}
