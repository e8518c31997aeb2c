package org.zoneplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;

/** Tile maths against values from the OpenStreetMap wiki's formula (asinh(tan φ)), in Python. */
class TileCoordTest {
  @ParameterizedTest(name = "({0}, {1}) at zoom {2} is tile {2}/{3}/{4}")
  @CsvSource({
    "119.9, 29.45, 14, 13648, 6788",
    "119.9, 29.45, 0, 0, 0",
    "119.9, 29.45, 10, 853, 424",
    "-0.1, 51.5, 12, 2046, 1362",
    "179.99, -85, 5, 31, 31",
    "120.0, 29.5, 16, 54613, 27143"
  })
  void pointsFallInTheirTile(double lon, double lat, int z, int x, int y) {
    assertThat(TileCoord.containing(lon, lat, z)).isEqualTo(new TileCoord(z, x, y));
  }

  @ParameterizedTest(name = "tile {0}/{1}/{2} spans lon {3}..{5}, lat {4}..{6}")
  @CsvSource({
    "14, 13648, 6752, 119.8828125, 30.12612436422458, 119.90478515625, 30.145127183376115",
    "0, 0, 0, -180, -85.0511287798066, 180, 85.0511287798066",
    "1, 1, 0, 0, 0, 180, 85.0511287798066"
  })
  void tileBoundsInLonLat(
      int z, int x, int y, double west, double south, double east, double north) {
    Envelope e = new TileCoord(z, x, y).lonLatEnvelope(0);
    assertThat(e.getMinX()).isCloseTo(west, within(1e-9));
    assertThat(e.getMinY()).isCloseTo(south, within(1e-9));
    assertThat(e.getMaxX()).isCloseTo(east, within(1e-9));
    assertThat(e.getMaxY()).isCloseTo(north, within(1e-9));
  }

  @Test
  void bufferWidensTheBoxOnEverySide() {
    TileCoord t = new TileCoord(14, 13648, 6788);
    Envelope plain = t.lonLatEnvelope(0);
    Envelope buffered = t.lonLatEnvelope(64.0 / 4096);
    double width = plain.getWidth();
    assertThat(plain.getMinX() - buffered.getMinX()).isCloseTo(width / 64, within(1e-12));
    assertThat(buffered.getMaxY()).isGreaterThan(plain.getMaxY());
    assertThat(buffered.getMinY()).isLessThan(plain.getMinY());
  }

  @Test
  void tilesOutsideTheGridAreRefused() {
    assertThatThrownBy(() -> new TileCoord(3, 8, 0)).hasMessageContaining("outside the grid");
    assertThatThrownBy(() -> new TileCoord(3, 0, -1)).hasMessageContaining("outside the grid");
    assertThatThrownBy(() -> new TileCoord(31, 0, 0)).hasMessageContaining("zoom");
  }
}
