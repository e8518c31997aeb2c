package org.zoneplan.enterprises;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V12 on a fresh H2GIS database in a file, closed whenever its last connection is, as a
 * store is between the runs of zoneplan (an in-memory database kept open would keep the check
 * constraints of V8 bound to Flyway's closed session, which H2 2.x then refuses to evaluate).
 */
class H2gisMigrationV12Test extends MigrationV12Contract {
  @TempDir static Path folder;

  private final String url = "jdbc:h2:file:" + folder.resolve("v12-" + System.nanoTime());

  @Override
  String[] database() {
    return new String[] {url, "sa", ""};
  }

  @Override
  String versionBeforeV8() {
    return "7";
  }

  @Override
  String locations() {
    return "classpath:db/migration/h2";
  }
}
