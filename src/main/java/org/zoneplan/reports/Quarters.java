package org.zoneplan.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.TopologyException;

/**
 * The 四至 of a zone: what lies to its east, south, west and north, from geometry alone.
 *
 * <p>The rule, in the zone's Gauss-Krüger plane (metres): the <em>surroundings</em> are the band of
 * width {@link #BAND_M} around the zone (its buffer minus the zone). Each direction owns the
 * quarter of the plane within ±45° of it, seen from the zone's centroid (east: azimuth 45°–135°,
 * south 135°–225°, west 225°–315°, north the rest). A candidate (another zone or a division) lies
 * in a direction when it covers at least {@link #MIN_SHARE} of that direction's part of the
 * surroundings; the candidates of a direction are listed by the share they cover, largest first. So
 * a town around the zone is named in every direction it covers; a zone touching the zone's eastern
 * edge is named under east; a direction where nothing is held lists nothing.
 *
 * <p>Spring-free; the candidates must already be in the zone's plane.
 */
public final class Quarters {
  /** Width of the surroundings band, metres. */
  public static final double BAND_M = 500;

  /** Share of a direction's surroundings a candidate must cover to be named. */
  public static final double MIN_SHARE = 0.05;

  private Quarters() {}

  /** A direction, with its Chinese word (东至 …). */
  public enum Direction {
    EAST("东", 90),
    SOUTH("南", 180),
    WEST("西", 270),
    NORTH("北", 0);

    private final String zh;
    private final double azimuth;

    Direction(String zh, double azimuth) {
      this.zh = zh;
      this.azimuth = azimuth;
    }

    public String zh() {
      return zh;
    }

    /** Degrees clockwise from grid north. */
    public double azimuth() {
      return azimuth;
    }
  }

  /**
   * A candidate neighbour.
   *
   * @param name Chinese name as printed
   * @param kind e.g. 核心区, 镇/街道
   * @param planar geometry in the zone's plane
   */
  public record Candidate(String name, String kind, Geometry planar) {}

  /**
   * A candidate found in a direction, with the share of that direction's surroundings it covers.
   */
  public record Neighbour(String name, String kind, double share) {}

  /** The neighbours in each direction (every direction present, possibly empty). */
  public static Map<Direction, List<Neighbour>> of(
      Geometry zonePlanar, List<Candidate> candidates) {
    Map<Direction, List<Neighbour>> result = new EnumMap<>(Direction.class);
    for (Direction d : Direction.values()) {
      result.put(d, new ArrayList<>());
    }
    if (zonePlanar.isEmpty()) {
      return result;
    }
    Geometry zone = zonePlanar.isValid() ? zonePlanar : zonePlanar.buffer(0);
    Geometry band = zone.buffer(BAND_M, 8).difference(zone);
    Point centroid = zone.getCentroid();
    Envelope env = band.getEnvelopeInternal();
    double radius = 2 * Math.hypot(env.getWidth(), env.getHeight()) + BAND_M;
    GeometryFactory gf = zone.getFactory();
    for (Direction d : Direction.values()) {
      Geometry probe = band.intersection(wedge(gf, centroid.getCoordinate(), d.azimuth(), radius));
      double probeArea = probe.getArea();
      if (probeArea <= 0) {
        continue;
      }
      List<Neighbour> found = result.get(d);
      Envelope probeEnv = probe.getEnvelopeInternal();
      for (Candidate c : candidates) {
        if (!c.planar().getEnvelopeInternal().intersects(probeEnv)) {
          continue;
        }
        double share = coveredArea(c.planar(), probe) / probeArea;
        if (share >= MIN_SHARE) {
          found.add(new Neighbour(c.name(), c.kind(), share));
        }
      }
      found.sort(Comparator.comparingDouble(Neighbour::share).reversed());
    }
    return result;
  }

  private static double coveredArea(Geometry candidate, Geometry probe) {
    try {
      return candidate.intersection(probe).getArea();
    } catch (TopologyException e) {
      return candidate.buffer(0).intersection(probe).getArea();
    }
  }

  /** The sector within ±45° of {@code azimuth} from {@code centre}, out to {@code radius}. */
  private static Geometry wedge(
      GeometryFactory gf, Coordinate centre, double azimuth, double radius) {
    List<Coordinate> ring = new ArrayList<>();
    ring.add(centre);
    for (double a = azimuth - 45; a <= azimuth + 45 + 1e-9; a += 5) {
      double r = Math.toRadians(a);
      // Corners of the sector lie on a circle larger than the radius: the band fits inside.
      ring.add(new Coordinate(centre.x + radius * Math.sin(r), centre.y + radius * Math.cos(r)));
    }
    ring.add(centre);
    return gf.createPolygon(ring.toArray(new Coordinate[0]));
  }
}
