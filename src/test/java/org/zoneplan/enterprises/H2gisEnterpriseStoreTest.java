package org.zoneplan.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;

/** Enterprises on the embedded H2GIS store, in a fresh data folder. */
class H2gisEnterpriseStoreTest extends EnterpriseStoreContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = TestDirs.create("zoneplan-h2gis-enterprises");
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", dir::toString);
  }

  /** H2GIS has no ellipsoidal area: the stored areas times shares, summed by SQL written here. */
  @Override
  void checkAreasAgainstReference(int year) {
    Map<String, LandArea> areas = enterprises.landAreas(year);
    for (Map<String, Object> row :
        jdbc.sql(
                "SELECT l.credit_code, SUM(p.area_m2 * l.share) AS a FROM enterprise_land l"
                    + " JOIN parcel p ON p.id = l.parcel_id GROUP BY l.credit_code")
            .query()
            .listOfRows()) {
      assertThat(areas.get((String) row.get("CREDIT_CODE")).areaM2())
          .isCloseTo(((Number) row.get("A")).doubleValue(), within(1e-6));
    }
  }
}
