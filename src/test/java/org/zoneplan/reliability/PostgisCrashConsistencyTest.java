package org.zoneplan.reliability;

import org.zoneplan.testsupport.PostgisTestDatabase;

/** SIGKILL during an approval and during an import on PostGIS (each case in a fresh database). */
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
