package org.zoneplan.enterprises;

/** Migration V8 on a fresh in-memory H2GIS database. */
class H2gisMigrationV8Test extends MigrationV8Contract {
  private final String url = "jdbc:h2:mem:v8-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";

  @Override
  String[] database() {
    return new String[] {url, "sa", ""};
  }

  @Override
  String versionBefore() {
    return "7";
  }

  @Override
  String locations() {
    return "classpath:db/migration/h2";
  }
}
