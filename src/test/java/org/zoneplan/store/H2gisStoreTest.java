package org.zoneplan.store;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The repositories on the embedded H2GIS store, in a fresh data folder. */
class H2gisStoreTest extends StoreContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("zoneplan-h2gis-store").toString();
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", () -> dir);
  }

  @Override
  boolean hasSpatialIndex(String indexName) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE INDEX_NAME = UPPER(?) AND INDEX_TYPE_NAME = 'SPATIAL INDEX'")
            .param(indexName)
            .query(Integer.class)
            .single()
        == 1;
  }
}
