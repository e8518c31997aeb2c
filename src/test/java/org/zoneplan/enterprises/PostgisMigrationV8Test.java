package org.zoneplan.enterprises;

import org.zoneplan.testsupport.PostgisTestDatabase;

/** Migration V8 on a fresh PostGIS database (skipped when no PostGIS can be had, never in CI). */
class PostgisMigrationV8Test extends MigrationV8Contract {
  private PostgisTestDatabase.Database db;

  @Override
  String[] database() {
    if (db == null) {
      db = PostgisTestDatabase.create("migration_v8");
    }
    return new String[] {db.jdbcUrl(), db.username(), db.password()};
  }

  @Override
  String versionBefore() {
    return "6";
  }

  @Override
  String locations() {
    return "classpath:db/migration/postgresql";
  }
}
