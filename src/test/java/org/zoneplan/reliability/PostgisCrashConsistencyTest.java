package org.zoneplan.reliability;

import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * SIGKILL during an approval on PostGIS.
 *
 * <p>There is no H2GIS twin: H2 2.x cannot reopen a file whose spatial (R-tree) index was being
 * written when the process was killed (reproduced with H2 2.2.224, 2.3.232 and 2.4.240; see {@code
 * bench/h2-crash/}). The embedded store is for trying zoneplan out; production runs on PostGIS.
 */
class PostgisCrashConsistencyTest extends CrashConsistencyContract {
  @Override
  String[] storeArguments(String name) {
    PostgisTestDatabase.Database db = PostgisTestDatabase.create(name);
    return new String[] {
      "--zoneplan.store=postgis",
      "--spring.datasource.url=" + db.jdbcUrl(),
      "--spring.datasource.username=" + db.username(),
      "--spring.datasource.password=" + db.password(),
      "--zoneplan.sample-data.parcels=0"
    };
  }
}
