package org.zoneplan.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.Gdal;
import org.zoneplan.testsupport.PostgisTestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * Export on PostGIS, and the acceptance check on areas: GDAL loads the exported shapefile into
 * PostGIS, PostGIS computes {@code ST_Area(geography)} (reprojecting Gauss-Krüger exports back to
 * EPSG:4490 with PROJ), and that matches the API's ellipsoidal area to 1e-6.
 */
class PostgisExportTest extends ExportContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("export", "zoneplan.sample-data.parcels=0");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  /** A GDAL connection string for the test database. */
  static String gdalPostgres() {
    Properties p = org.postgresql.Driver.parseURL(DB.get().jdbcUrl(), new Properties());
    return "PG:host="
        + p.getProperty("PGHOST")
        + " port="
        + p.getProperty("PGPORT")
        + " dbname="
        + p.getProperty("PGDBNAME")
        + " user="
        + DB.get().username()
        + (DB.get().password().isEmpty() ? "" : " password=" + DB.get().password());
  }

  @ParameterizedTest(name = "{0} {1} {2}: PostGIS ST_Area(geography) of GDAL's import = API area")
  @CsvSource({
    "zones, EPSG:4490, GBK",
    "zones, EPSG:4549, UTF-8",
    "zones, EPSG:4528, GBK",
    "parcels, EPSG:4490, UTF-8",
    "parcels, EPSG:4549, GBK"
  })
  void areasComputedByPostgisFromTheExportMatchTheApi(String layer, String crs, String encoding)
      throws Exception {
    Path dir = exportShapefile(layer, crs, encoding, "");
    String table = "gdal_" + layer + "_" + crs.substring(5) + "_" + encoding.replace("-", "");
    Gdal.run(
        "ogr2ogr",
        "-f",
        "PostgreSQL",
        gdalPostgres(),
        dir.resolve(layer + ".shp").toString(),
        "-nln",
        table,
        "-nlt",
        "MULTIPOLYGON",
        "-lco",
        "GEOMETRY_NAME=geom",
        "-overwrite");
    String key = layer.equals("zones") ? "code" : "id";
    List<Map<String, Object>> rows =
        jdbc.sql(
                "SELECT "
                    + key
                    + "::text AS key, ST_SRID(geom) AS srid,"
                    + " ST_Area(ST_Transform(geom, 4490)::geography) AS area FROM "
                    + table)
            .query()
            .listOfRows();
    assertThat(rows).isNotEmpty();
    for (Map<String, Object> row : rows) {
      assertThat(((Number) row.get("srid")).intValue())
          .isEqualTo(Integer.parseInt(crs.substring(5)));
      double postgis = ((Number) row.get("area")).doubleValue();
      double api = apiArea(layer, row.get("key").toString());
      assertThat(postgis).as("%s %s", layer, row.get("key")).isCloseTo(api, within(api, 1e-6));
    }
  }

  private double apiArea(String layer, String key) {
    if (layer.equals("zones")) {
      JsonNode zone = http.get("/api/plans/" + PLAN + "/zones/" + key).json();
      return zone.get("properties").get("areaM2").doubleValue();
    }
    return parcels.find(Long.parseLong(key)).orElseThrow().areaM2();
  }
}
