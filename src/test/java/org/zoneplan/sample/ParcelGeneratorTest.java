package org.zoneplan.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.geo.GeometryRepair;
import org.zoneplan.parcels.LandUseCatalog;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;

/**
 * The sample parcels as the loader generates them (Pujiang, the union of both plan versions' leaf
 * zones, 20,000 parcels, the default seed), checked against the real county outline and the shipped
 * zones. Run from the project root, with {@code ../shared} beside it.
 */
class ParcelGeneratorTest {
  static final int SAMPLE_COUNT = 20_000;
  static final double SQUARE_METRES_PER_MU = 10_000.0 / 15;

  static Geometry pujiang;
  static Map<String, Geometry> leafZones; // plan → union of its leaf zones
  static Geometry allZones;
  static List<Parcel> sample;
  static long sampleMillis;

  @BeforeAll
  static void generateTheSample() throws IOException {
    SampleDataGenerator.County county =
        SampleDataGenerator.readCounties(Path.of("../shared", SampleDataGenerator.COUNTIES))
            .stream()
            .filter(c -> c.code().equals(SampleDataGenerator.PUJIANG_CODE))
            .findFirst()
            .orElseThrow();
    pujiang = GeometryRepair.repair(county.outline()).geometry();
    leafZones = leafZones(Path.of("data/shapefiles/zones.shp"));
    allZones = UnaryUnionOp.union(new ArrayList<>(leafZones.values()));
    long start = System.nanoTime();
    sample =
        ParcelGenerator.generate(pujiang, allZones, SAMPLE_COUNT, ParcelGenerator.DEFAULT_SEED);
    sampleMillis = (System.nanoTime() - start) / 1_000_000;
  }

  /** Plan → union of the zones that are no other zone's parent in that plan. */
  static Map<String, Geometry> leafZones(Path shapefile) throws IOException {
    Map<String, List<ShapefileReader.Row>> byPlan = new HashMap<>();
    for (ShapefileReader.Row row : ShapefileReader.read(shapefile, "UTF-8")) {
      byPlan
          .computeIfAbsent(row.attributes().get("PLAN").toString(), p -> new ArrayList<>())
          .add(row);
    }
    Map<String, Geometry> leaves = new HashMap<>();
    byPlan.forEach(
        (plan, rows) -> {
          Set<String> parents = new HashSet<>();
          rows.forEach(r -> parents.add(String.valueOf(r.attributes().get("PARENT")).strip()));
          List<Geometry> parts = new ArrayList<>();
          for (ShapefileReader.Row r : rows) {
            if (!parents.contains(r.attributes().get("CODE").toString().strip())) {
              parts.add(r.geometry());
            }
          }
          leaves.put(plan, UnaryUnionOp.union(parts));
        });
    assertThat(leaves).containsOnlyKeys("pujiang-2020", "pujiang-2021");
    return leaves;
  }

  @Test
  void theSampleHasTheCountAskedFor() {
    assertThat(sample).hasSize(SAMPLE_COUNT);
  }

  @Test
  void parcelsAreValidAndInsideTheRepairedCountyOutline() {
    PreparedGeometry county = PreparedGeometryFactory.prepare(pujiang);
    SoftAssertions.assertSoftly(
        softly -> {
          for (Parcel p : sample) {
            softly.assertThat(p.geometry().isValid()).as("valid %s", p.geometry()).isTrue();
            softly.assertThat(p.geometry().getSRID()).isEqualTo(Cgcs2000.SRID);
            softly.assertThat(county.covers(p.geometry())).as("inside %s", p.geometry()).isTrue();
          }
        });
  }

  @Test
  void noTwoParcelsOverlap() {
    assertThat(overlaps(sample)).isEmpty();
  }

  /** Pairs of parcels whose interiors meet, found with an STRtree over all of them. */
  static List<String> overlaps(List<Parcel> parcels) {
    STRtree index = new STRtree();
    for (int k = 0; k < parcels.size(); k++) {
      index.insert(parcels.get(k).geometry().getEnvelopeInternal(), k);
    }
    List<String> found = new ArrayList<>();
    for (int k = 0; k < parcels.size(); k++) {
      Geometry a = parcels.get(k).geometry();
      for (Object other : index.query(a.getEnvelopeInternal())) {
        int m = (Integer) other;
        if (m > k && a.relate(parcels.get(m).geometry(), "T********")) {
          found.add(k + " and " + m);
        }
      }
    }
    return found;
  }

  @Test
  void meanParcelIsAFewMu() {
    double meanMu =
        sample.stream().mapToDouble(Parcel::areaM2).average().orElseThrow() / SQUARE_METRES_PER_MU;
    assertThat(meanMu).isBetween(1.0, 10.0);
    for (Parcel p : sample.subList(0, 500)) {
      assertThat(p.areaM2())
          .isCloseTo(EllipsoidalArea.squareMetres(p.geometry()), within(1e-6 * p.areaM2()));
    }
  }

  @Test
  void landUseCodesAreSandiaoClasses() {
    LandUseCatalog catalog = LandUseCatalog.standard();
    Map<String, Integer> counts = new HashMap<>();
    for (Parcel p : sample) {
      assertThat(p.scheme()).isEqualTo(LandUseScheme.SANDIAO);
      assertThat(catalog.isValid(LandUseScheme.SANDIAO, p.landUseCode()))
          .as(p.landUseCode())
          .isTrue();
      counts.merge(p.landUseCode(), 1, Integer::sum);
    }
    // Industry, storage, housing, town and farm roads, paddy and dry fields, forest, water.
    assertThat(counts)
        .containsKeys(
            "0601", "0508", "0701", "0702", "05H1", "1004", "1006", "0101", "0103", "0301", "1101");
  }

  @Test
  void industrialLandConcentratesInTheZonesWithoutFillingThem() {
    Figures in2021 = figures(sample, leafZones.get("pujiang-2021"));
    Figures inBoth = figures(sample, allZones);
    System.out.printf(
        Locale.ROOT,
        "sample: %d parcels in %d ms, mean %.2f 亩; industrial %.2f km² inside the 2021 zones, %.2f"
            + " km² outside (%.1f %% inside; %.1f %% against both versions' zones); %.1f %% of the"
            + " 2021 zone area is parcelled, %.1f %% of that industrial%n",
        sample.size(),
        sampleMillis,
        sample.stream().mapToDouble(Parcel::areaM2).average().orElseThrow() / SQUARE_METRES_PER_MU,
        in2021.industrialInside / 1e6,
        (in2021.industrial - in2021.industrialInside) / 1e6,
        100 * in2021.industrialInside / in2021.industrial,
        100 * inBoth.industrialInside / inBoth.industrial,
        100 * in2021.parcelledInside / EllipsoidalArea.squareMetres(leafZones.get("pujiang-2021")),
        100 * in2021.industrialInside / in2021.parcelledInside);
    assertThat(in2021.industrialInside / in2021.industrial).isBetween(0.55, 0.75);
    assertThat(in2021.industrialInside / in2021.parcelledInside).isBetween(0.65, 0.90);
    assertThat(in2021.parcelledInside / EllipsoidalArea.squareMetres(leafZones.get("pujiang-2021")))
        .isBetween(0.5, 0.95);
  }

  record Figures(double industrial, double industrialInside, double parcelledInside) {}

  /** Ellipsoidal areas of parcel land and industrial land (0601, 0508), in all and inside zones. */
  static Figures figures(List<Parcel> parcels, Geometry zones) {
    PreparedGeometry prepared = PreparedGeometryFactory.prepare(zones);
    double industrial = 0;
    double industrialInside = 0;
    double parcelledInside = 0;
    for (Parcel p : parcels) {
      boolean isIndustrial = p.landUseCode().equals("0601") || p.landUseCode().equals("0508");
      double inside;
      if (prepared.containsProperly(p.geometry())) {
        inside = EllipsoidalArea.squareMetres(p.geometry());
      } else if (prepared.intersects(p.geometry())) {
        inside = EllipsoidalArea.squareMetres(p.geometry().intersection(zones));
      } else {
        inside = 0;
      }
      parcelledInside += inside;
      if (isIndustrial) {
        industrial += EllipsoidalArea.squareMetres(p.geometry());
        industrialInside += inside;
      }
    }
    return new Figures(industrial, industrialInside, parcelledInside);
  }

  @Test
  void theSameSeedGivesTheSameParcelsAndAnotherSeedOthers() {
    List<Parcel> again =
        ParcelGenerator.generate(pujiang, allZones, SAMPLE_COUNT, ParcelGenerator.DEFAULT_SEED);
    assertThat(again).hasSameSizeAs(sample);
    for (int k = 0; k < sample.size(); k++) {
      Parcel a = sample.get(k);
      Parcel b = again.get(k);
      assertThat(b.geometry().equalsExact(a.geometry())).as("parcel %d", k).isTrue();
      assertThat(b.withId(0)).isEqualTo(a.withId(0));
    }
    List<Parcel> other = ParcelGenerator.generate(pujiang, allZones, 2_000, 7L);
    assertThat(other).hasSize(2_000);
    assertThat(other.get(0).geometry().equalsExact(sample.get(0).geometry())).isFalse();
    assertThat(overlaps(other)).isEmpty();
  }

  @Test
  void twoHundredThousandParcelsFitTheCounty() {
    long start = System.nanoTime();
    List<Parcel> large = ParcelGenerator.generate(pujiang, allZones, 200_000, 1L);
    long millis = (System.nanoTime() - start) / 1_000_000;
    double meanMu =
        large.stream().mapToDouble(Parcel::areaM2).average().orElseThrow() / SQUARE_METRES_PER_MU;
    Figures in2021 = figures(large, leafZones.get("pujiang-2021"));
    System.out.printf(
        Locale.ROOT,
        "200,000 parcels in %d ms, mean %.2f 亩, %.1f %% of industrial land inside the 2021 zones%n",
        millis,
        meanMu,
        100 * in2021.industrialInside / in2021.industrial);
    assertThat(large).hasSize(200_000);
    assertThat(meanMu).isBetween(1.0, 10.0);
    assertThat(in2021.industrialInside / in2021.industrial).isBetween(0.55, 0.75);
  }

  /** GB 32100-2015 check, written out independently of the production code. */
  static boolean checkCharacterOk(String code) {
    String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    if (code == null || code.length() != 18) {
      return false;
    }
    int sum = 0;
    int weight = 1;
    for (int i = 0; i < 17; i++) {
      int value = alphabet.indexOf(code.charAt(i));
      if (value < 0) {
        return false;
      }
      sum += value * weight;
      weight = weight * 3 % 31;
    }
    return alphabet.charAt((31 - sum % 31) % 31) == code.charAt(17);
  }
}
