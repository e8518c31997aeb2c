package org.zoneplan.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;

/**
 * Generates the land parcels (地块) of a synthetic county for sample data and benchmarks: non-
 * overlapping, inside the county outline, coded in the 三调 working classes ({@link
 * LandUseScheme#SANDIAO}). Parcels carry no enterprises: {@link EnterpriseGenerator} puts
 * enterprises, their land and their statistics on them.
 *
 * <p>How. A grid of cells 40–60 m across (finer when more parcels are asked for), rotated, its
 * corners jittered and some edges kinked (so some cells are pentagons or hexagons); every {@value
 * #ROAD_PERIOD}th row and column is a narrow road. A parcel is a cell shrunk a little towards its
 * centroid (so neighbours never touch), a 2- or 4-cell industrial lot, a road stretch between two
 * crossings, or a crossing. Only cells wholly inside the county are used. Parcels are drawn by
 * weighted sampling: cells inside the zones first, then cells near the zones (towns), villages and
 * the valley, least in the hills. Inside the zones about four in five parcels are industrial (0601,
 * some 0508 storage); elsewhere land use follows the setting: town housing and services near the
 * zones, 农村宅基地 in villages, paddy and dry fields, ponds and orchards in the valley, forest in the
 * hills, a river. Scattered industry outside the zones is then added, in villages and on town
 * edges, until about {@value #TARGET_INSIDE_SHARE} of the industrial area lies inside the zones (by
 * parcel centroid against the zones given; against one plan version's zones the share comes out
 * lower).
 *
 * <p>{@link EnterpriseGenerator} draws tax per 亩 lognormal with a median of {@value
 * #MEDIAN_TAX_INSIDE_WAN_PER_MU} 万元/亩 inside the zones and {@value #MEDIAN_TAX_OUTSIDE_WAN_PER_MU}
 * outside.
 *
 * <p>Deterministic: the same outline, zones, count and seed give the same parcels in the same order
 * on every JVM (random numbers are hashes of the seed and the cell; {@link StrictMath}). Areas are
 * ellipsoidal ({@link EllipsoidalArea}). About a second of CPU per 100,000 parcels. Thread-safe
 * (each call works on an instance of its own).
 */
public final class ParcelGenerator {
  /** The seed of the sample data set: Pujiang's division code. */
  public static final long DEFAULT_SEED = 330726L;

  static final double MIN_SPACING_M = 40;
  static final double MAX_SPACING_M = 60;

  /** Every ROAD_PERIOD-th row and column of cells is a road; blocks are 6 × 6 cells. */
  static final int ROAD_PERIOD = 7;

  /** Share of the county's industrial area aimed at inside the zones. */
  static final double TARGET_INSIDE_SHARE = 0.70;

  static final double MEDIAN_TAX_INSIDE_WAN_PER_MU = 20;
  static final double MEDIAN_TAX_OUTSIDE_WAN_PER_MU = 8;

  private static final double ROAD_WIDTH = 0.3; // of the spacing
  private static final double JITTER = 0.18; // of the narrower neighbouring row or column
  private static final double KINK_PROBABILITY = 0.25;
  private static final double KINK = 0.1; // of the narrower neighbouring row or column
  private static final double ZONE_SUITABILITY = 2.6;
  private static final int BLOCK = 8; // cells per side of the blocks tested against the outline
  private static final double DECIMALS = 1e7; // coordinates rounded to 1e-7° (about 1 cm)

  // Salts: one independent random stream per purpose.
  private static final int S_ROTATION = 1;
  private static final int S_WIDTH = 2;
  private static final int S_HEIGHT = 3;
  private static final int S_JITTER_U = 4;
  private static final int S_JITTER_V = 5;
  private static final int S_KINK_H = 6;
  private static final int S_KINK_V = 7;
  private static final int S_LOT = 8;
  private static final int S_KEY = 9;
  private static final int S_INSET = 10;
  private static final int S_USE = 11;
  private static final int S_INDUSTRY = 12;
  private static final int S_NOISE = 14;
  private static final int S_VILLAGE = 15;
  private static final int S_RIVER = 16;
  private static final int S_KINK_H_AMOUNT = 17;
  private static final int S_KINK_V_AMOUNT = 18;
  private static final int S_STORAGE = 19;
  private static final int S_PATCH = 31;
  private static final int S_CLUSTER = 32;
  private static final int S_TOWN = 33;

  private final long seed;
  private final int count;
  private final GeometryFactory factory = Cgcs2000.GEOMETRY_FACTORY;

  // Local frame: x east, y north, metres, linear in longitude and latitude.
  private final double lon0;
  private final double lat0;
  private final double metresPerDegreeLon;
  private final double metresPerDegreeLat;

  private final PreparedGeometry county;
  private final IndexedPointInAreaLocator zoneLocator;
  private final double[][] zoneParts; // {x, y, radius}
  private final double countyAreaM2;

  // Grid: u along the rows, v across them, rotated by the seed's angle.
  private final double spacing;
  private final double cos;
  private final double sin;
  private double originU;
  private double originV;
  private int nI;
  private int nJ;
  private double[] colU; // nI + 1 column positions
  private double[] rowV; // nJ + 1 row positions
  private double[] px; // lattice points, index j * (nI + 1) + i
  private double[] py;

  // Setting: a river through the valley the zones lie in, villages, hills.
  private double riverA;
  private double riverB;
  private double riverPhase;
  private double[][] villages; // {x, y, radius}

  // Enterprises: a name always gets the same code, and no two names share one.

  private ParcelGenerator(Geometry countyOutline, Geometry zoneUnion, int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, was " + count);
    }
    this.seed = seed;
    this.count = count;
    Envelope extent = countyOutline.getEnvelopeInternal();
    lon0 = extent.centre().x;
    lat0 = extent.centre().y;
    double f = Cgcs2000.FLATTENING;
    double e2 = f * (2 - f);
    double sinLat = StrictMath.sin(StrictMath.toRadians(lat0));
    double w = StrictMath.sqrt(1 - e2 * sinLat * sinLat);
    metresPerDegreeLon =
        Cgcs2000.SEMI_MAJOR_AXIS_M / w * StrictMath.cos(StrictMath.toRadians(lat0)) * Math.PI / 180;
    metresPerDegreeLat = Cgcs2000.SEMI_MAJOR_AXIS_M * (1 - e2) / (w * w * w) * Math.PI / 180;
    AffineTransformation toLocal =
        AffineTransformation.translationInstance(-lon0, -lat0)
            .scale(metresPerDegreeLon, metresPerDegreeLat);
    Geometry countyLocal = toLocal.transform(countyOutline);
    Geometry zonesLocal = toLocal.transform(zoneUnion);
    county = PreparedGeometryFactory.prepare(countyLocal);
    zoneLocator = new IndexedPointInAreaLocator(zonesLocal);
    zoneParts = new double[zonesLocal.getNumGeometries()][];
    for (int k = 0; k < zoneParts.length; k++) {
      Geometry part = zonesLocal.getGeometryN(k);
      Coordinate c = part.getCentroid().getCoordinate();
      zoneParts[k] = new double[] {c.x, c.y, StrictMath.sqrt(part.getArea() / Math.PI)};
    }
    countyAreaM2 = countyLocal.getArea();
    spacing =
        Math.max(
            MIN_SPACING_M, Math.min(MAX_SPACING_M, StrictMath.sqrt(countyAreaM2 * 0.35 / count)));
    double angle = StrictMath.toRadians(8 + 22 * HashRandom.uniform(seed, S_ROTATION, 0, 0));
    cos = StrictMath.cos(angle);
    sin = StrictMath.sin(angle);
  }

  /**
   * Generates {@code count} parcels.
   *
   * @param countyOutline the county, polygonal and valid, EPSG:4490 (x = longitude)
   * @param zoneUnion the development zones' union, polygonal and valid, EPSG:4490
   * @param count how many parcels; at most about 0.6 per 1,600 m² of county
   * @param seed anything; {@link #DEFAULT_SEED} for the sample data
   * @return parcels with id 0, scheme {@link LandUseScheme#SANDIAO}, in grid order
   * @throws IllegalArgumentException when the county cannot hold that many
   */
  public static List<Parcel> generate(
      Geometry countyOutline, Geometry zoneUnion, int count, long seed) {
    return new ParcelGenerator(countyOutline, zoneUnion, count, seed).run();
  }

  private List<Parcel> run() {
    buildGrid();
    buildSetting();
    List<Candidate> candidates = candidates();
    if (candidates.size() < count) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "the county holds %d candidate parcels of %.0f m cells, fewer than the %d asked for",
              candidates.size(),
              spacing,
              count));
    }
    List<Candidate> chosen = select(candidates);
    for (Candidate c : chosen) {
      c.ring = shape(c);
      c.areaM2 = area(c.ring);
      c.code = landUse(c);
    }
    addScatteredIndustry(chosen);
    return toParcels(chosen);
  }

  // ---- grid

  private void buildGrid() {
    Envelope e = county.getGeometry().getEnvelopeInternal();
    double minU = Double.MAX_VALUE;
    double maxU = -Double.MAX_VALUE;
    double minV = Double.MAX_VALUE;
    double maxV = -Double.MAX_VALUE;
    for (double x : new double[] {e.getMinX(), e.getMaxX()}) {
      for (double y : new double[] {e.getMinY(), e.getMaxY()}) {
        double u = x * cos + y * sin;
        double v = -x * sin + y * cos;
        minU = Math.min(minU, u);
        maxU = Math.max(maxU, u);
        minV = Math.min(minV, v);
        maxV = Math.max(maxV, v);
      }
    }
    originU = minU - spacing;
    originV = minV - spacing;
    colU = positions(S_WIDTH, maxU - originU + spacing);
    rowV = positions(S_HEIGHT, maxV - originV + spacing);
    nI = colU.length - 1;
    nJ = rowV.length - 1;
    px = new double[(nI + 1) * (nJ + 1)];
    py = new double[px.length];
    for (int j = 0; j <= nJ; j++) {
      double dv = JITTER * Math.min(size(rowV, j - 1), size(rowV, j));
      for (int i = 0; i <= nI; i++) {
        double du = JITTER * Math.min(size(colU, i - 1), size(colU, i));
        double u = originU + colU[i] + du * (2 * HashRandom.uniform(seed, S_JITTER_U, i, j) - 1);
        double v = originV + rowV[j] + dv * (2 * HashRandom.uniform(seed, S_JITTER_V, i, j) - 1);
        int p = j * (nI + 1) + i;
        px[p] = u * cos - v * sin;
        py[p] = u * sin + v * cos;
      }
    }
  }

  /** Cumulative column (or row) positions: road lines narrow, the others 0.85–1.2 spacings. */
  private double[] positions(int salt, double length) {
    List<Double> positions = new ArrayList<>();
    positions.add(0.0);
    double at = 0;
    for (int k = 0; at < length; k++) {
      at +=
          isRoadLine(k)
              ? ROAD_WIDTH * spacing
              : spacing * (0.85 + 0.35 * HashRandom.uniform(seed, salt, k, Integer.MAX_VALUE));
      positions.add(at);
    }
    return positions.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Width of cell k along an axis (the smaller neighbour's for the end points). */
  private static double size(double[] positions, int k) {
    int clamped = Math.max(0, Math.min(positions.length - 2, k));
    return positions[clamped + 1] - positions[clamped];
  }

  private static boolean isRoadLine(int k) {
    return k % ROAD_PERIOD == 0;
  }

  private boolean isRoadCell(int i, int j) {
    return isRoadLine(i) || isRoadLine(j);
  }

  /**
   * The kink on the edge from lattice point (i, j) to (i + 1, j), as {x, y}, or null. Only edges
   * between two ordinary cells are kinked, so roads stay straight.
   */
  private double[] horizontalKink(int i, int j) {
    if (j <= 0 || j >= nJ || isRoadLine(i) || isRoadLine(j) || isRoadLine(j - 1)) {
      return null;
    }
    if (HashRandom.uniform(seed, S_KINK_H, i, j) >= KINK_PROBABILITY) {
      return null;
    }
    double amount =
        KINK
            * Math.min(size(rowV, j - 1), size(rowV, j))
            * (2 * HashRandom.uniform(seed, S_KINK_H_AMOUNT, i, j) - 1);
    int a = j * (nI + 1) + i;
    return new double[] {
      (px[a] + px[a + 1]) / 2 - amount * sin, (py[a] + py[a + 1]) / 2 + amount * cos
    };
  }

  /** The kink on the edge from lattice point (i, j) to (i, j + 1), or null. */
  private double[] verticalKink(int i, int j) {
    if (i <= 0 || i >= nI || isRoadLine(j) || isRoadLine(i) || isRoadLine(i - 1)) {
      return null;
    }
    if (HashRandom.uniform(seed, S_KINK_V, i, j) >= KINK_PROBABILITY) {
      return null;
    }
    double amount =
        KINK
            * Math.min(size(colU, i - 1), size(colU, i))
            * (2 * HashRandom.uniform(seed, S_KINK_V_AMOUNT, i, j) - 1);
    int a = j * (nI + 1) + i;
    int b = a + nI + 1;
    return new double[] {(px[a] + px[b]) / 2 + amount * cos, (py[a] + py[b]) / 2 + amount * sin};
  }

  /**
   * The outline of the a × b cells from (i, j), counter-clockwise, as x, y pairs without the
   * closing point; kinks included.
   */
  private double[] blockRing(int i, int j, int a, int b) {
    double[] ring = new double[4 * (a + b) * 2];
    int n = 0;
    for (int k = i; k < i + a; k++) {
      n = put(ring, n, j * (nI + 1) + k);
      n = put(ring, n, horizontalKink(k, j));
    }
    for (int l = j; l < j + b; l++) {
      n = put(ring, n, l * (nI + 1) + i + a);
      n = put(ring, n, verticalKink(i + a, l));
    }
    for (int k = i + a; k > i; k--) {
      n = put(ring, n, (j + b) * (nI + 1) + k);
      n = put(ring, n, horizontalKink(k - 1, j + b));
    }
    for (int l = j + b; l > j; l--) {
      n = put(ring, n, l * (nI + 1) + i);
      n = put(ring, n, verticalKink(i, l - 1));
    }
    return Arrays.copyOf(ring, n);
  }

  private int put(double[] ring, int n, int point) {
    ring[n] = px[point];
    ring[n + 1] = py[point];
    return n + 2;
  }

  private static int put(double[] ring, int n, double[] kink) {
    if (kink == null) {
      return n;
    }
    ring[n] = kink[0];
    ring[n + 1] = kink[1];
    return n + 2;
  }

  // ---- setting

  private void buildSetting() {
    // The river: a line fitted through the zones (they lie in the valley), 500 m south, meandering.
    double sw = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (double[] part : zoneParts) {
      double weight = part[2] * part[2];
      sw += weight;
      sx += weight * part[0];
      sy += weight * part[1];
      sxx += weight * part[0] * part[0];
      sxy += weight * part[0] * part[1];
    }
    double denominator = sw * sxx - sx * sx;
    riverB = zoneParts.length > 1 && denominator > 1e-9 ? (sw * sxy - sx * sy) / denominator : 0;
    riverA = sw > 0 ? (sy - riverB * sx) / sw - 500 : 0;
    riverPhase = 2 * Math.PI * HashRandom.uniform(seed, S_RIVER, 0, 0);
    // Villages: one per 5 km² of county, in the valley, outside the zones.
    Envelope e = county.getGeometry().getEnvelopeInternal();
    int wanted = (int) Math.round(countyAreaM2 / 5e6);
    List<double[]> placed = new ArrayList<>();
    for (int k = 0; placed.size() < wanted && k < 50 * wanted; k++) {
      double x = e.getMinX() + e.getWidth() * HashRandom.uniform(seed, S_VILLAGE, k, 0);
      double y = e.getMinY() + e.getHeight() * HashRandom.uniform(seed, S_VILLAGE, k, 1);
      Coordinate c = new Coordinate(x, y);
      if (hill(x, y, urban(x, y)) < 0.8
          && zoneLocator.locate(c) == Location.EXTERIOR
          && county.contains(factory.createPoint(c))) {
        placed.add(new double[] {x, y, 150 + 200 * HashRandom.uniform(seed, S_VILLAGE, k, 2)});
      }
    }
    villages = placed.toArray(double[][]::new);
  }

  private double riverY(double x) {
    return riverA + riverB * x + 300 * StrictMath.sin(2 * Math.PI * x / 6500 + riverPhase);
  }

  /** Closeness to the zones, 1 inside or at the edge, falling off over 1.5 km. */
  private double urban(double x, double y) {
    double nearest = Double.MAX_VALUE;
    for (double[] part : zoneParts) {
      double dx = x - part[0];
      double dy = y - part[1];
      nearest = Math.min(nearest, Math.max(0, Math.sqrt(dx * dx + dy * dy) - part[2]));
    }
    return nearest == Double.MAX_VALUE ? 0 : StrictMath.exp(-nearest / 1500);
  }

  /** Closeness to a village centre, 1 at the centre. */
  private double village(double x, double y) {
    double best = 0;
    for (double[] v : villages) {
      double dx = x - v[0];
      double dy = y - v[1];
      if (Math.abs(dx) < 3 * v[2] && Math.abs(dy) < 3 * v[2]) {
        best = Math.max(best, StrictMath.exp(-(dx * dx + dy * dy) / (v[2] * v[2])));
      }
    }
    return best;
  }

  /**
   * Hilliness: below 0.7 valley floor, above 1 hills; from the distance to the valley, to the zones
   * ({@code urban}, see {@link #urban}) and some noise.
   */
  private double hill(double x, double y, double urban) {
    double valley = Math.abs(y - riverY(x)) / 3500;
    double relief = noise(S_NOISE, x, y, 3000) + 0.5 * noise(S_NOISE + 100, x, y, 1000) - 0.75;
    return valley + 0.8 * relief + 0.3 * (1 - urban);
  }

  // ---- candidates

  private enum Kind {
    CELL,
    LOT,
    ROAD,
    CROSSING
  }

  /** A possible parcel: a block of a × b cells from (i, j). */
  private static final class Candidate {
    final Kind kind;
    final int i;
    final int j;
    final int a;
    final int b;
    final double x;
    final double y;
    final boolean inZone;
    final double urban;
    final double village;
    final double hill;
    final boolean river;
    final double patch;
    double key;
    double[] ring;
    double areaM2;
    String code;

    Candidate(
        Kind kind,
        int i,
        int j,
        int a,
        int b,
        double x,
        double y,
        boolean inZone,
        double urban,
        double village,
        double hill,
        boolean river,
        double patch) {
      this.kind = kind;
      this.i = i;
      this.j = j;
      this.a = a;
      this.b = b;
      this.x = x;
      this.y = y;
      this.inZone = inZone;
      this.urban = urban;
      this.village = village;
      this.hill = hill;
      this.river = river;
      this.patch = patch;
    }

    boolean isIndustrial() {
      return "0601".equals(code) || "0508".equals(code);
    }
  }

  private List<Candidate> candidates() {
    boolean[] inside = insideCells();
    boolean[] taken = new boolean[nI * nJ];
    List<Candidate> candidates = new ArrayList<>();
    for (int j = 0; j < nJ; j++) {
      for (int i = 0; i < nI; i++) {
        int cell = j * nI + i;
        if (!inside[cell] || taken[cell]) {
          continue;
        }
        if (isRoadLine(i) && isRoadLine(j)) {
          taken[cell] = true;
          add(candidates, Kind.CROSSING, i, j, 1, 1);
        } else if (isRoadLine(j)) {
          int end = i;
          while (end < nI && !isRoadLine(end) && inside[j * nI + end]) {
            taken[j * nI + end] = true;
            end++;
          }
          add(candidates, Kind.ROAD, i, j, end - i, 1);
        } else if (isRoadLine(i)) {
          int end = j;
          while (end < nJ && !isRoadLine(end) && inside[end * nI + i]) {
            taken[end * nI + i] = true;
            end++;
          }
          add(candidates, Kind.ROAD, i, j, 1, end - j);
        } else {
          int[] lot = lot(i, j, inside, taken);
          if (lot != null) {
            for (int l = j; l < j + lot[1]; l++) {
              for (int k = i; k < i + lot[0]; k++) {
                taken[l * nI + k] = true;
              }
            }
            add(candidates, Kind.LOT, i, j, lot[0], lot[1]);
          } else {
            taken[cell] = true;
            if (centroidInKernel(blockRing(i, j, 1, 1))) {
              add(candidates, Kind.CELL, i, j, 1, 1);
            }
          }
        }
      }
    }
    return candidates;
  }

  /** Cells wholly inside the county: blocks of cells first, single cells along the boundary. */
  private boolean[] insideCells() {
    boolean[] inside = new boolean[nI * nJ];
    for (int bj = 0; bj < nJ; bj += BLOCK) {
      for (int bi = 0; bi < nI; bi += BLOCK) {
        int i1 = Math.min(nI, bi + BLOCK);
        int j1 = Math.min(nJ, bj + BLOCK);
        Envelope block = new Envelope();
        for (int j = bj; j <= j1; j++) {
          for (int i = bi; i <= i1; i++) {
            int p = j * (nI + 1) + i;
            block.expandToInclude(px[p], py[p]);
          }
        }
        // Kinks lie at most 0.12 spacings off an edge between lattice points.
        block.expandBy(2 * KINK * spacing);
        Geometry rectangle = factory.toGeometry(block);
        if (!county.intersects(rectangle)) {
          continue;
        }
        boolean all = county.containsProperly(rectangle);
        for (int j = bj; j < j1; j++) {
          for (int i = bi; i < i1; i++) {
            inside[j * nI + i] = all || county.containsProperly(polygon(blockRing(i, j, 1, 1)));
          }
        }
      }
    }
    return inside;
  }

  /** An industrial lot of 2 × 1, 1 × 2 or 2 × 2 cells from (i, j), as {a, b}, or null. */
  private int[] lot(int i, int j, boolean[] inside, boolean[] taken) {
    double r = HashRandom.uniform(seed, S_LOT, i, j);
    if (r >= 0.16) {
      return null;
    }
    double[] c = centre(blockRing(i, j, 1, 1));
    double chance = inZone(c[0], c[1]) ? 0.16 : 0.03 * urban(c[0], c[1]);
    if (r >= chance) {
      return null;
    }
    double shape = r / chance;
    int a = shape < 0.4 ? 2 : shape < 0.8 ? 1 : 2;
    int b = shape < 0.4 ? 1 : 2;
    for (int l = j; l < j + b; l++) {
      for (int k = i; k < i + a; k++) {
        if (k >= nI || l >= nJ || isRoadCell(k, l) || !inside[l * nI + k] || taken[l * nI + k]) {
          return null;
        }
      }
    }
    return centroidInKernel(blockRing(i, j, a, b)) ? new int[] {a, b} : null;
  }

  private void add(List<Candidate> candidates, Kind kind, int i, int j, int a, int b) {
    double[] c = centre(blockRing(i, j, a, b));
    double x = c[0];
    double y = c[1];
    double urban = urban(x, y);
    double hill = hill(x, y, urban);
    boolean inZone = inZone(x, y);
    boolean river = kind == Kind.CELL && Math.abs(y - riverY(x)) < 0.55 * spacing;
    double village = village(x, y);
    double patch = 0.65 * noise(S_PATCH, x, y, 900) + 0.35 * noise(S_PATCH + 100, x, y, 350);
    Candidate candidate =
        new Candidate(kind, i, j, a, b, x, y, inZone, urban, village, hill, river, patch);
    double weight = weight(candidate);
    if (weight <= 0) {
      return;
    }
    // Efraimidis–Spirakis: the largest keys ln(U) / w are a weighted sample without replacement.
    candidate.key = StrictMath.log(HashRandom.uniform(seed, S_KEY, i, j)) / weight;
    candidates.add(candidate);
  }

  /**
   * Sampling weight, exp(2.5 f) with f a suitability: highest in the zones, then near them (towns)
   * and in villages, lowest in the hills, with patchy noise so that the parcels drawn come in
   * patches that grow with the count asked for rather than as scattered dust.
   */
  private double weight(Candidate c) {
    if ((c.kind == Kind.ROAD || c.kind == Kind.CROSSING) && !c.inZone && c.hill > 1.0) {
      return 0; // no roads through the hills
    }
    double f =
        c.inZone
            ? ZONE_SUITABILITY + c.patch
            : 2.5 * c.urban * c.urban
                + 2.5 * c.village
                + 1.5 * c.patch
                - 0.6 * Math.max(0, c.hill - 0.7);
    return StrictMath.exp(2.5 * f);
  }

  /** Smooth value noise in [0, 1] with features about {@code scale} metres across. */
  private double noise(int salt, double x, double y, double scale) {
    double gx = x / scale;
    double gy = y / scale;
    int i = (int) Math.floor(gx);
    int j = (int) Math.floor(gy);
    double fx = smooth(gx - i);
    double fy = smooth(gy - j);
    double bottom =
        HashRandom.uniform(seed, salt, i, j) * (1 - fx)
            + HashRandom.uniform(seed, salt, i + 1, j) * fx;
    double top =
        HashRandom.uniform(seed, salt, i, j + 1) * (1 - fx)
            + HashRandom.uniform(seed, salt, i + 1, j + 1) * fx;
    return bottom * (1 - fy) + top * fy;
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  private boolean inZone(double x, double y) {
    return zoneLocator.locate(new Coordinate(x, y)) != Location.EXTERIOR;
  }

  private List<Candidate> select(List<Candidate> candidates) {
    double[] keys = new double[candidates.size()];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = candidates.get(k).key;
    }
    Arrays.sort(keys);
    double threshold = keys[keys.length - count];
    int above = 0;
    for (double key : keys) {
      if (key > threshold) {
        above++;
      }
    }
    int ties = count - above;
    List<Candidate> chosen = new ArrayList<>(count);
    for (Candidate c : candidates) {
      if (c.key > threshold || (c.key == threshold && ties-- > 0)) {
        chosen.add(c);
      }
    }
    return chosen;
  }

  // ---- shapes

  /** The parcel's ring: roads as they are, everything else shrunk towards its centroid. */
  private double[] shape(Candidate c) {
    double[] ring = blockRing(c.i, c.j, c.a, c.b);
    if (c.kind == Kind.ROAD) {
      return ring;
    }
    // Shrunk by 3–10 %: neighbours 1–6 m apart; a convex ring, or one star-shaped about its
    // centroid, stays inside the cell.
    double factor = 0.90 + 0.07 * HashRandom.uniform(seed, S_INSET, c.i, c.j);
    double[] centre = centre(ring);
    double[] shrunk = new double[ring.length];
    for (int k = 0; k < ring.length; k += 2) {
      shrunk[k] = centre[0] + factor * (ring[k] - centre[0]);
      shrunk[k + 1] = centre[1] + factor * (ring[k + 1] - centre[1]);
    }
    return shrunk;
  }

  /** Whether the ring's centroid sees every edge from inside (so shrinking keeps it inside). */
  private static boolean centroidInKernel(double[] ring) {
    double[] c = centre(ring);
    int n = ring.length;
    for (int k = 0; k < n; k += 2) {
      double ax = ring[k];
      double ay = ring[k + 1];
      double bx = ring[(k + 2) % n];
      double by = ring[(k + 3) % n];
      double cross = (bx - ax) * (c[1] - ay) - (by - ay) * (c[0] - ax);
      if (cross <= 1e-6 * ((bx - ax) * (bx - ax) + (by - ay) * (by - ay))) {
        return false;
      }
    }
    return true;
  }

  /** Area centroid of a ring given as x, y pairs. */
  private static double[] centre(double[] ring) {
    double a = 0;
    double cx = 0;
    double cy = 0;
    int n = ring.length;
    double x0 = ring[0];
    double y0 = ring[1];
    for (int k = 0; k < n; k += 2) {
      double ax = ring[k] - x0;
      double ay = ring[k + 1] - y0;
      double bx = ring[(k + 2) % n] - x0;
      double by = ring[(k + 3) % n] - y0;
      double cross = ax * by - bx * ay;
      a += cross;
      cx += (ax + bx) * cross;
      cy += (ay + by) * cross;
    }
    return new double[] {x0 + cx / (3 * a), y0 + cy / (3 * a)};
  }

  private static double area(double[] ring) {
    double a = 0;
    int n = ring.length;
    for (int k = 0; k < n; k += 2) {
      a += ring[k] * ring[(k + 3) % n] - ring[(k + 2) % n] * ring[k + 1];
    }
    return Math.abs(a) / 2;
  }

  private Polygon polygon(double[] ring) {
    Coordinate[] coordinates = new Coordinate[ring.length / 2 + 1];
    for (int k = 0; k < ring.length; k += 2) {
      coordinates[k / 2] = new Coordinate(ring[k], ring[k + 1]);
    }
    coordinates[coordinates.length - 1] = coordinates[0].copy();
    return factory.createPolygon(coordinates);
  }

  // ---- land use (三调 working classes)

  private String landUse(Candidate c) {
    double r = HashRandom.uniform(seed, S_USE, c.i, c.j);
    if (c.kind == Kind.ROAD || c.kind == Kind.CROSSING) {
      if (c.inZone || isTown(c) || c.village > 0.5) {
        return "1004"; // 城镇村道路用地
      }
      // Every fourth road line out in the country is a county road, the rest farm roads.
      int line = c.kind == Kind.ROAD && c.b == 1 ? c.j : c.i;
      return (line / ROAD_PERIOD) % 4 == 0 ? "1003" : "1006";
    }
    if (c.kind == Kind.LOT) {
      return r < (c.inZone ? 0.15 : 0.05) ? "0508" : "0601";
    }
    if (c.river) {
      return "1101"; // 河流水面
    }
    if (c.inZone) {
      return pick(
          r,
          new String[] {"0601", "0508", "05H1", "0701", "08H2", "0809", "0810", "1201", "0103"},
          new double[] {0.70, 0.07, 0.05, 0.04, 0.02, 0.03, 0.03, 0.03, 0.03});
    }
    if (isTown(c)) {
      return pick(
          r,
          new String[] {"0701", "05H1", "08H1", "08H2", "0809", "0810", "1201"},
          new double[] {0.55, 0.18, 0.04, 0.08, 0.04, 0.08, 0.03});
    }
    if (c.village > 0.45) {
      return pick(
          r,
          new String[] {"0702", "1202", "0103", "0101", "1104"},
          new double[] {0.68, 0.05, 0.10, 0.13, 0.04});
    }
    if (c.hill < 0.7) {
      return pick(
          r,
          new String[] {
            "0101", "0102", "0103", "0201", "0202", "1104", "1107", "1202", "0702", "0307"
          },
          new double[] {0.46, 0.03, 0.14, 0.05, 0.04, 0.07, 0.03, 0.03, 0.09, 0.06});
    }
    if (c.hill < 1.0) {
      return pick(
          r,
          new String[] {"0301", "0302", "0202", "0201", "0307", "0103", "1104"},
          new double[] {0.34, 0.20, 0.15, 0.10, 0.10, 0.09, 0.02});
    }
    return pick(
        r,
        new String[] {"0301", "0302", "0305", "0307", "0404"},
        new double[] {0.60, 0.20, 0.10, 0.07, 0.03});
  }

  /** Town land around the zones, with a ragged edge. */
  private boolean isTown(Candidate c) {
    return c.urban + 0.4 * (noise(S_TOWN, c.x, c.y, 600) - 0.5) > 0.6;
  }

  private static String pick(double r, String[] codes, double[] shares) {
    double sum = 0;
    for (int k = 0; k < codes.length; k++) {
      sum += shares[k];
      if (r < sum) {
        return codes[k];
      }
    }
    return codes[codes.length - 1];
  }

  /**
   * Turns outside parcels industrial, scattered but mostly in villages and on town edges, until the
   * zones hold about {@link #TARGET_INSIDE_SHARE} of the industrial area.
   */
  private void addScatteredIndustry(List<Candidate> chosen) {
    double inside = 0;
    double outside = 0;
    List<Candidate> eligible = new ArrayList<>();
    for (Candidate c : chosen) {
      if (c.isIndustrial()) {
        if (c.inZone) {
          inside += c.areaM2;
        } else {
          outside += c.areaM2;
        }
      } else if (!c.inZone && c.kind == Kind.CELL && !c.river) {
        // Village industry (村级工业点) and town edges, in clusters.
        double preference = (0.1 + 0.7 * c.urban + 1.2 * c.village) * (c.hill > 1.0 ? 0.3 : 1);
        c.key =
            preference
                * StrictMath.exp(
                    2.5 * noise(S_CLUSTER, c.x, c.y, 400)
                        + 0.5 * HashRandom.gaussian(seed, S_INDUSTRY, c.i, c.j));
        eligible.add(c);
      }
    }
    double wanted = inside * (1 - TARGET_INSIDE_SHARE) / TARGET_INSIDE_SHARE;
    eligible.sort((p, q) -> Double.compare(q.key, p.key));
    for (Candidate c : eligible) {
      if (outside >= wanted) {
        break;
      }
      c.code = HashRandom.uniform(seed, S_STORAGE, c.i, c.j) < 0.08 ? "0508" : "0601";
      outside += c.areaM2;
    }
  }

  // ---- output

  private List<Parcel> toParcels(List<Candidate> chosen) {
    MultiPolygon[] geometries = new MultiPolygon[chosen.size()];
    for (int k = 0; k < geometries.length; k++) {
      geometries[k] = toLonLat(chosen.get(k).ring);
    }
    double[] areas = new double[geometries.length];
    IntStream.range(0, geometries.length)
        .parallel()
        .forEach(k -> areas[k] = EllipsoidalArea.squareMetres(geometries[k]));
    List<Parcel> parcels = new ArrayList<>(chosen.size());
    for (int k = 0; k < geometries.length; k++) {
      parcels.add(
          new Parcel(0, LandUseScheme.SANDIAO, chosen.get(k).code, geometries[k], areas[k]));
    }
    return parcels;
  }

  private MultiPolygon toLonLat(double[] ring) {
    Coordinate[] coordinates = new Coordinate[ring.length / 2 + 1];
    for (int k = 0; k < ring.length; k += 2) {
      coordinates[k / 2] =
          new Coordinate(
              round(lon0 + ring[k] / metresPerDegreeLon),
              round(lat0 + ring[k + 1] / metresPerDegreeLat));
    }
    coordinates[coordinates.length - 1] = coordinates[0].copy();
    MultiPolygon multi =
        factory.createMultiPolygon(new Polygon[] {factory.createPolygon(coordinates)});
    multi.setSRID(Cgcs2000.SRID);
    return multi;
  }

  private static double round(double degrees) {
    return Math.round(degrees * DECIMALS) / DECIMALS;
  }

  // ---- enterprises

  /**
   * A unified social credit code for a firm registered in Pujiang (91: an enterprise registered by
   * the market regulator; 330726: 浦江县), a hash of its name and the attempt (a later attempt when an
   * earlier code is taken): an older organisation code of digits, or a newer one starting with MA,
   * with its GB 11714 check character, then the GB 32100 check character.
   */
  static String creditCode(String name, int attempt) {
    long h = HashRandom.mix(attempt + 0x9E3779B97F4A7C15L);
    for (int k = 0; k < name.length(); k++) {
      h = HashRandom.mix(h ^ name.charAt(k));
    }
    StringBuilder body = new StringBuilder(8);
    if ((h & 3) == 0) {
      body.append("MA");
      for (int k = 0; k < 6; k++) {
        h = HashRandom.mix(h);
        body.append(CreditCode.CHARACTERS.charAt((int) Long.remainderUnsigned(h, 31)));
      }
    } else {
      body.append((char) ('1' + Long.remainderUnsigned(h >>> 8, 7)));
      for (int k = 0; k < 7; k++) {
        h = HashRandom.mix(h);
        body.append((char) ('0' + Long.remainderUnsigned(h, 10)));
      }
    }
    String first17 = "91330726" + body + organisationCodeCheck(body);
    return first17 + CreditCode.checkCharacter(first17);
  }

  /** GB 11714 check character of an organisation code's 8 characters. */
  static char organisationCodeCheck(CharSequence code) {
    int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int k = 0; k < 8; k++) {
      char ch = code.charAt(k);
      int value = Character.isDigit(ch) ? ch - '0' : ch - 'A' + 10;
      sum += value * weights[k];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
  }
}
