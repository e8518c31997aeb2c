package org.zoneplan.enterprises;

import org.zoneplan.testsupport.PostgisTestDatabase;

/** Migration V12 on a fresh PostGIS database (skipped when no PostGIS can be had, never in CI). */
class PostgisMigrationV12Test extends MigrationV12Contract {
  private PostgisTestDatabase.Database db;

  @Override
  String[] database() {
    if (db == null) {
      db = PostgisTestDatabase.create("migration_v12");
    }
    return new String[] {db.jdbcUrl(), db.username(), db.password()};
  }

  @Override
  String versionBeforeV8() {
    return "6";
  }

  @Override
  String locations() {
    return "classpath:db/migration/postgresql";
  }
}
