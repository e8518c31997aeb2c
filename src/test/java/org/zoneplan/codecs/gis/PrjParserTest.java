package org.zoneplan.codecs.gis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.zoneplan.geo.Crs;

class PrjParserTest {
  static final String GEOGCS =
      "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\","
          + "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
          + "UNIT[\"Degree\",0.0174532925199433]]";

  static String gk(String projection, String cm, String fe) {
    return "PROJCS[\"x\","
        + GEOGCS
        + ",PROJECTION[\""
        + projection
        + "\"],PARAMETER[\"False_Easting\","
        + fe
        + "],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\","
        + cm
        + "],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
  }

  @ParameterizedTest(name = "{0} cm {1} fe {2} → EPSG:{3}")
  @CsvSource({
    "Gauss_Kruger, 120.0, 500000.0, 4549",
    "Transverse_Mercator, 120, 500000, 4549",
    "Gauss_Kruger, 120.0, 40500000.0, 4528",
    "Transverse_Mercator, 75.0, 25500000.0, 4513",
    "Gauss_Kruger, 135.0, 500000.0, 4554"
  })
  void gaussKrugerZonesAreFoundByTheirParameters(
      String projection, String cm, String fe, int epsg) {
    assertThat(PrjParser.parse(gk(projection, cm, fe))).isEqualTo(new Crs(epsg));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        GEOGCS,
        "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\","
            + "6378137,298.257222101]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433],"
            + "AUTHORITY[\"EPSG\",\"4490\"]]",
        "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
            + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"
      })
  void geographicCgcs2000AndWgs84AreEpsg4490(String wkt) {
    assertThat(PrjParser.parse(wkt)).isEqualTo(Crs.CGCS2000);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GEOGCS[\"GCS_Xian_1980\",DATUM[\"D_Xian_1980\",SPHEROID[\"Xian_1980\",6378140.0,298.257]]]|CGCS2000",
        "PROJCS[\"x\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\"]],"
            + "PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],"
            + "PARAMETER[\"Central_Meridian\",117.0],PARAMETER[\"Scale_Factor\",0.9996]]|scale"
      })
  void otherDatumsAndZonesAreRefused(String wkt, String message) {
    assertThatThrownBy(() -> PrjParser.parse(wkt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
