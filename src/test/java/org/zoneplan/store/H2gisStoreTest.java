package org.zoneplan.store;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;

/**
 * The repositories on the embedded H2GIS store, in a fresh data folder. It has no R-tree (H2 cannot
 * reopen a file whose R-tree was being written at a crash): bounding boxes are filtered through the
 * B-tree index on the bounding-box columns.
 */
class H2gisStoreTest extends StoreContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-h2gis-store").toString();
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", () -> dir);
  }

  @Override
  Set<String> spatialIndexes() {
    return new HashSet<>(
        jdbc.sql(
                "SELECT LOWER(INDEX_NAME) FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE INDEX_TYPE_NAME = 'SPATIAL INDEX'")
            .query(String.class)
            .list());
  }

  @Override
  Set<String> expectedSpatialIndexes() {
    return Set.of();
  }

  @Override
  String bboxIndex(String table) {
    return table + "_bbox_idx";
  }

  @Override
  String explain(String sql, List<Object> params) {
    return jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).single();
  }
}
