package org.zoneplan.store;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which store zoneplan runs on.
 *
 * @param store {@code h2gis} (default: an embedded H2GIS file database in {@code dataDir}, no
 *     setup) or {@code postgis} (production: the usual {@code spring.datasource.*} settings)
 * @param dataDir folder of the embedded database (default {@code ./var})
 */
@ConfigurationProperties("zoneplan")
public record StoreProperties(Engine store, Path dataDir) {
  public enum Engine {
    H2GIS,
    POSTGIS
  }

  public StoreProperties {
    store = store == null ? Engine.H2GIS : store;
    dataDir = dataDir == null ? Path.of("var") : dataDir;
  }
}
