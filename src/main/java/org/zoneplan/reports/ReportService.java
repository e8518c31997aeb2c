package org.zoneplan.reports;

import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.stereotype.Service;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.geo.BoundaryPoints;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GaussKruger;
import org.zoneplan.indicators.ZoneIndicatorsReport;
import org.zoneplan.system.Actors;
import org.zoneplan.tiles.TileStyle;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneService;

/**
 * Gathers what a zone's report shows (the map's features, areas, 四至, indicators of the year,
 * boundary points) and prints it through {@link PdfReport}: one zone, or the atlas of every zone of
 * a plan version in tree order (parents before their parts).
 */
@Service
public class ReportService {
  /** Chinese Standard Time: the time printed on the reports. */
  static final ZoneId PRINT_ZONE = ZoneId.of("Asia/Shanghai");

  private static final DateTimeFormatter PRINTED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(北京时间)'");

  private final ZoneService zones;
  private final DivisionRepository divisions;
  private final ZoneIndicatorsReport indicators;

  ReportService(ZoneService zones, DivisionRepository divisions, ZoneIndicatorsReport indicators) {
    this.zones = zones;
    this.divisions = divisions;
    this.indicators = indicators;
  }

  /** What every page of one print shares: the plan, its zones, divisions, indicators. */
  private final class Print {
    final PlanVersion plan;
    final String planText;
    final List<Zone> all;
    final Map<String, Zone> byCode = new LinkedHashMap<>();
    final List<Division> divisionList;
    final String divisionKind;
    final Integer year;
    final ZoneIndicatorsReport.Result yearly;
    final String indicatorNote;
    final String printedBy = Actors.current();
    final String printedAt = OffsetDateTime.now(PRINT_ZONE).format(PRINTED);
    final ReportOptions options;

    /** Planar geometries by GK zone and key, so the atlas projects each neighbour once. */
    final Map<String, Geometry> planar = new HashMap<>();

    Print(String planId, ReportOptions options) {
      this.options = options;
      plan = zones.plan(planId);
      planText =
          "规划版本："
              + plan.name()
              + "（"
              + plan.id()
              + (plan.date() == null ? "" : "，" + plan.date())
              + (plan.status() == null ? "" : "，" + plan.status().name())
              + "）";
      all = zones.zones(planId);
      for (Zone z : all) {
        byCode.put(z.code(), z);
      }
      List<Division> held =
          divisions.findAll(true).stream().filter(d -> d.geometry() != null).toList();
      boolean towns = held.stream().anyMatch(d -> "TOWN".equals(d.level()));
      divisionKind = towns ? "镇/街道" : "县（市、区）";
      divisionList =
          held.stream().filter(d -> (towns ? "TOWN" : "COUNTY").equals(d.level())).toList();
      List<Integer> years = indicators.years(planId);
      Integer y = options.year();
      if (y == null && !years.isEmpty()) {
        y = years.get(years.size() - 1);
      }
      year = y;
      if (y == null) {
        yearly = null;
        indicatorNote = "本规划版本无企业统计数据，无指标。";
      } else {
        yearly = indicators.yearly(planId, y, null, null, null);
        indicatorNote = years.contains(y) ? null : y + " 年无统计数据。";
      }
    }

    Geometry planar(GaussKruger gk, String key, Geometry geographic) {
      return planar.computeIfAbsent(gk.zone() + "/" + key, k -> gk.project(geographic));
    }
  }

  /** Checks the plan and zone (404) before anything is printed. */
  public void checkZone(String planId, String code) {
    zones.zone(planId, code);
  }

  /** Checks the plan (404) before anything is printed. */
  public PlanVersion checkPlan(String planId) {
    return zones.plan(planId);
  }

  /** Prints one zone's report. */
  public void zoneReport(String planId, String code, ReportOptions options, OutputStream out) {
    Zone zone = zones.zone(planId, code);
    Print print = new Print(planId, options);
    try (PdfReport pdf =
        new PdfReport(out, options, zone.name() + "（" + code + "）", print.printedBy, 0)) {
      pdf.addZone(sheet(print, print.byCode.getOrDefault(code, zone)));
    }
  }

  /** Prints the atlas of every zone of a plan version, contents first. */
  public void atlas(String planId, ReportOptions options, OutputStream out) {
    Print print = new Print(planId, options);
    List<Zone> order = treeOrder(print.all);
    int contentsPages = PdfReport.contentsPages(order.size(), options);
    String title = print.plan.name() + " 区块图集";
    try (PdfReport pdf = new PdfReport(out, options, title, print.printedBy, contentsPages)) {
      for (Zone z : order) {
        pdf.addZone(sheet(print, z));
        // The neighbours' projections are kept; nothing of the printed zone is.
      }
      pdf.finishAtlas(
          title,
          print.planText
              + "    共 "
              + order.size()
              + " 个区块    打印："
              + print.printedBy
              + "    "
              + print.printedAt);
    }
  }

  /** Roots first, then each zone's parts depth-first; siblings by code. */
  static List<Zone> treeOrder(List<Zone> all) {
    Map<String, List<Zone>> children = new HashMap<>();
    Set<String> codes = new LinkedHashSet<>();
    for (Zone z : all) {
      codes.add(z.code());
    }
    List<Zone> roots = new ArrayList<>();
    for (Zone z : all) {
      if (z.parentCode() == null || !codes.contains(z.parentCode())) {
        roots.add(z);
      } else {
        children.computeIfAbsent(z.parentCode(), k -> new ArrayList<>()).add(z);
      }
    }
    List<Zone> out = new ArrayList<>();
    roots.sort(Comparator.comparing(Zone::code));
    for (Zone r : roots) {
      walk(r, children, out);
    }
    return out;
  }

  private static void walk(Zone z, Map<String, List<Zone>> children, List<Zone> out) {
    out.add(z);
    List<Zone> parts = new ArrayList<>(children.getOrDefault(z.code(), List.of()));
    parts.sort(Comparator.comparing(Zone::code));
    for (Zone p : parts) {
      walk(p, children, out);
    }
  }

  private ZoneSheet sheet(Print print, Zone zone) {
    ReportOptions o = print.options;
    GaussKruger gk = GaussKruger.forGeometry(zone.geometry());
    Geometry zonePlanar = print.planar(gk, "zone:" + zone.code(), zone.geometry());
    var frame = PdfReport.mapFrame(o);
    MapView view =
        MapView.of(
            gk, zonePlanar.getEnvelopeInternal(), frame.getWidth(), frame.getHeight(), o.scale());
    MapDrawing drawing = new MapDrawing(view, frame, ReportFonts.get().awt());
    Envelope window = geographicWindow(gk, drawing.groundWindow());

    List<String> ancestorCodes = new ArrayList<>();
    for (String p = zone.parentCode(); p != null && print.byCode.containsKey(p); ) {
      if (ancestorCodes.contains(p)) {
        break; // a cycle in stored data: stop rather than loop
      }
      ancestorCodes.add(p);
      p = print.byCode.get(p).parentCode();
    }
    Set<String> descendants = descendants(zone.code(), print.all);

    List<MapFeature> features = new ArrayList<>();
    for (Division d : print.divisionList) {
      if (d.geometry().getEnvelopeInternal().intersects(window)) {
        features.add(
            new MapFeature(d.geometry(), TileStyle.division(), d.name(), MapFeature.Role.DIVISION));
      }
    }
    for (int i = ancestorCodes.size() - 1; i >= 0; i--) {
      Zone a = print.byCode.get(ancestorCodes.get(i));
      if (a.geometry().getEnvelopeInternal().intersects(window)) {
        features.add(
            new MapFeature(
                a.geometry(), TileStyle.zone(a.kind()), a.name(), MapFeature.Role.PARENT));
      }
    }
    List<Zone> others = new ArrayList<>();
    for (Zone z : print.all) {
      if (!z.code().equals(zone.code())
          && !ancestorCodes.contains(z.code())
          && z.geometry().getEnvelopeInternal().intersects(window)) {
        others.add(z);
      }
    }
    // Larger first, so smaller zones stay visible on top.
    others.sort(Comparator.comparingDouble((Zone z) -> -z.area().squareMetres()));
    for (Zone z : others) {
      features.add(
          new MapFeature(
              z.geometry(), TileStyle.zone(z.kind()), z.name(), MapFeature.Role.NEIGHBOUR));
    }
    features.add(
        new MapFeature(
            zone.geometry(), TileStyle.zone(zone.kind()), zone.name(), MapFeature.Role.SUBJECT));

    List<MapDrawing.LegendEntry> legend = new ArrayList<>();
    legend.add(
        new MapDrawing.LegendEntry(
            TileStyle.zone(zone.kind()), "本区块（" + zone.kind().nameZh() + "）"));
    Set<String> seen = new LinkedHashSet<>();
    for (String a : ancestorCodes) {
      Zone p = print.byCode.get(a);
      if (seen.add("P" + p.kind())) {
        legend.add(
            new MapDrawing.LegendEntry(
                TileStyle.zone(p.kind()), "上级区块（" + p.kind().nameZh() + "）"));
      }
    }
    for (Zone z : others) {
      if (seen.add("N" + z.kind())) {
        legend.add(
            new MapDrawing.LegendEntry(
                TileStyle.zone(z.kind()),
                (descendants.contains(z.code()) ? "下级区块（" : "其他区块（") + z.kind().nameZh() + "）"));
      }
    }
    if (features.stream().anyMatch(f -> f.role() == MapFeature.Role.DIVISION)) {
      legend.add(
          new MapDrawing.LegendEntry(TileStyle.division(), "行政区界（" + print.divisionKind + "）"));
    }
    legend.add(new MapDrawing.LegendEntry(null, "公里网/坐标格网"));

    // 四至: other zones that are neither above nor below this one, and the divisions.
    Envelope near = zone.geometry().getEnvelopeInternal();
    near.expandBy(0.02); // about 2 km: far beyond the 500 m band at these latitudes
    List<Quarters.Candidate> candidates = new ArrayList<>();
    for (Zone z : print.all) {
      if (!z.code().equals(zone.code())
          && !ancestorCodes.contains(z.code())
          && !descendants.contains(z.code())
          && z.geometry().getEnvelopeInternal().intersects(near)) {
        candidates.add(
            new Quarters.Candidate(
                z.name(), z.kind().nameZh(), print.planar(gk, "zone:" + z.code(), z.geometry())));
      }
    }
    for (Division d : print.divisionList) {
      if (d.geometry().getEnvelopeInternal().intersects(near)) {
        candidates.add(
            new Quarters.Candidate(
                d.name(),
                print.divisionKind,
                print.planar(gk, "division:" + d.code(), d.geometry())));
      }
    }
    var quarters = Quarters.of(zonePlanar, candidates);

    List<ZoneSheet.IndicatorLine> lines = new ArrayList<>();
    String note = print.indicatorNote;
    if (print.yearly != null) {
      ZoneIndicatorsReport.ZoneRow row =
          print.yearly.zones().stream()
              .filter(r -> r.code().equals(zone.code()))
              .findFirst()
              .orElse(null);
      if (row == null) {
        note = "本区块无 " + print.year + " 年指标。";
      } else {
        for (ZoneIndicatorsReport.IndicatorInfo info : print.yearly.indicators()) {
          ZoneIndicatorsReport.IndicatorValue v = row.values().get(info.key());
          if (v == null) {
            continue;
          }
          lines.add(
              new ZoneSheet.IndicatorLine(
                  info.label(),
                  info.unit(),
                  v.value(),
                  v.reason(),
                  v.periodTarget(),
                  v.completion(),
                  v.rank(),
                  v.ranked()));
        }
      }
    }

    Map<String, Geometry> neighbours = new LinkedHashMap<>();
    for (Zone z : print.all) {
      if (!z.code().equals(zone.code())) {
        neighbours.put(z.code(), z.geometry());
      }
    }
    Crs pointsCrs = new Crs(gk.epsgWithZonePrefix());
    var points =
        BoundaryPoints.of(
            zone.geometry(), pointsCrs, neighbours, BoundaryPoints.SHARED_TOLERANCE_M);

    List<String> parentNames = new ArrayList<>();
    for (String a : ancestorCodes) {
      parentNames.add(print.byCode.get(a).name());
    }
    return new ZoneSheet(
        print.planText,
        zone.code(),
        zone.name(),
        zone.kind().nameZh(),
        parentNames,
        zone.managedBy(),
        zone.area(),
        view,
        features,
        legend,
        quarters,
        print.year,
        lines,
        lines.isEmpty() && note == null ? "无指标数据。" : note,
        points,
        pointsCrs,
        print.printedBy,
        print.printedAt);
  }

  private static Set<String> descendants(String code, List<Zone> all) {
    Set<String> found = new LinkedHashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Zone z : all) {
        if (z.parentCode() != null
            && (z.parentCode().equals(code) || found.contains(z.parentCode()))
            && !z.code().equals(code)
            && found.add(z.code())) {
          grew = true;
        }
      }
    }
    return found;
  }

  /** The geographic envelope (EPSG:4490) of a ground window of the plane, padded by 10%. */
  private static Envelope geographicWindow(GaussKruger gk, Envelope plane) {
    GaussKruger.Transform back = gk.fromPlane(false);
    GeometryFactory gf = new GeometryFactory();
    Envelope geo = new Envelope();
    for (double fx = 0; fx <= 1; fx += 0.5) {
      for (double fy = 0; fy <= 1; fy += 0.5) {
        Coordinate c =
            new Coordinate(
                plane.getMinX() + fx * plane.getWidth(), plane.getMinY() + fy * plane.getHeight());
        geo.expandToInclude(back.apply(gf.createPoint(c)).getCoordinate());
      }
    }
    geo.expandBy(geo.getWidth() * 0.1, geo.getHeight() * 0.1);
    return geo;
  }
}
