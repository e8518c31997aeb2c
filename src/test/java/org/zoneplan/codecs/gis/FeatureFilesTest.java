package org.zoneplan.codecs.gis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GeometryLimits;
import tools.jackson.databind.json.JsonMapper;

/** Choosing the reader from the first bytes, without Spring. */
class FeatureFilesTest {
  private static final ReadLimits READ =
      new ReadLimits(64, 1L << 30, 100, 65_536, 8L << 20, Duration.ofSeconds(5));

  @TempDir Path dir;

  private FeatureInput open(Path file, Crs crs) throws IOException {
    return FeatureFiles.open(
        file, dir, null, crs, READ, GeometryLimits.DEFAULT, JsonMapper.builder().build());
  }

  @Test
  void geoJsonBehindAByteOrderMarkIsReadAsGeoJson() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("upload"),
            "\uFEFF{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[120,30],[120.01,30],[120.01,30.01],[120,30]]]}}]}");
    FeatureInput input = open(file, null);
    assertThat(input.format()).isEqualTo("geojson");
    assertThat(input.encoding()).isEqualTo("UTF-8");
    assertThat(input.crs()).isEqualTo(Crs.CGCS2000);
    List<ImportedFeature> features = new ArrayList<>();
    input.forEach(features::add);
    assertThat(features).hasSize(1);
    assertThat(features.get(0).attributes()).containsEntry("code", "A");
    assertThat(features.get(0).geometry().getCoordinates()).hasSize(4);
  }

  @Test
  void aCrsGivenOverridesTheFile() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("upload"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
    FeatureInput input = open(file, new Crs(4549));
    assertThat(input.crs()).isEqualTo(new Crs(4549));
    assertThat(input.crsSource()).isEqualTo("override");
  }

  @Test
  void anythingElseIsUnsupported() throws IOException {
    Path file = Files.writeString(dir.resolve("upload"), "code,name\nA,甲\n");
    assertThatThrownBy(() -> open(file, null))
        .isInstanceOfSatisfying(
            GisFileException.class,
            e -> assertThat(e.kind()).isEqualTo(GisFileException.Kind.UNSUPPORTED));
  }
}
