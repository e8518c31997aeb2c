package org.zoneplan.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.testsupport.PostgisTestDatabase;

/** The repositories on PostGIS, in a fresh database (skipped when no PostGIS; never in CI). */
class PostgisStoreTest extends StoreContract {
  private static final PostgisTestDatabase.PerClass DB = new PostgisTestDatabase.PerClass("store");

  @Autowired PlatformTransactionManager transactions;

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Override
  Set<String> spatialIndexes() {
    return new HashSet<>(
        jdbc.sql(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                    + " AND indexdef LIKE '%USING gist%'")
            .query(String.class)
            .list());
  }

  @Override
  Set<String> expectedSpatialIndexes() {
    return Set.of("zone_geom_idx", "division_geom_idx", "parcel_geom_idx");
  }

  @Override
  String bboxIndex(String table) {
    return table + "_geom_idx";
  }

  /** With sequential scans off: the small test tables would be scanned otherwise. */
  @Override
  String explain(String sql, List<Object> params) {
    return new TransactionTemplate(transactions)
        .execute(
            status -> {
              jdbc.sql("SET LOCAL enable_seqscan = off").update();
              return String.join(
                  "\n", jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).list());
            });
  }
}
