package org.zoneplan.deliverables;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.geo.BoundaryPoint;
import org.zoneplan.geo.BoundaryPoints;
import org.zoneplan.system.XlsxDownload;

/**
 * {@code GET /api/plans/{planId}/zones/{code}/boundary-points}: the zone's 界址点坐标表 as JSON, CSV or
 * .xlsx ({@code format=json|csv|xlsx}, else by {@code Accept}), in the zone's stored Gauss-Krüger
 * zone or {@code epsg=}, Y with the zone number unless {@code prefix=false}.
 */
@RestController
class BoundaryPointsController {
  static final String[] HEADER = {
    "点号", "部分", "圈号", "X坐标(北,m)", "Y坐标(东,m)", "边长(至下一点,m)", "共用界址点(相邻区块:点号)"
  };

  private final BoundaryPointTables tables;
  private final AuditLog audit;

  BoundaryPointsController(BoundaryPointTables tables, AuditLog audit) {
    this.tables = tables;
    this.audit = audit;
  }

  @GetMapping("/api/plans/{planId}/zones/{code}/boundary-points")
  ResponseEntity<?> table(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String epsg,
      @RequestParam(required = false) String prefix,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    String kind = kind(format, accept);
    BoundaryPointTables.Table table = tables.table(planId, code, epsg, prefix, true);
    String fileName =
        XlsxDownload.namePart(table.zone().name() + "-界址点坐标表-EPSG" + table.crs().epsg());
    return switch (kind) {
      case "csv" -> {
        audit.record("export", planId + "/" + code, "boundary-points.csv " + table.crs());
        yield ResponseEntity.ok()
            .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
            .header(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                    .filename(fileName + ".csv", StandardCharsets.UTF_8)
                    .build()
                    .toString())
            .body(csv(table).getBytes(StandardCharsets.UTF_8));
      }
      case "xlsx" -> {
        audit.record("export", planId + "/" + code, "boundary-points.xlsx " + table.crs());
        yield XlsxDownload.of(
            fileName + ".xlsx",
            writer -> {
              writer.sheet("界址点坐标表", List.of(HEADER));
              for (BoundaryPoint p : table.points()) {
                writer.row(row(p));
              }
              writer.sheet("说明", List.of("项目", "内容"));
              writer.row(List.of("区块代码", table.zone().code()));
              writer.row(List.of("区块名称", table.zone().name()));
              writer.row(List.of("坐标系", "2000国家大地坐标系 " + table.crs().name()));
              writer.row(List.of("EPSG", (long) table.crs().epsg()));
              writer.row(List.of("带号", (long) table.crs().gaussKruger().zone()));
              writer.row(List.of("中央经线(°E)", (long) table.crs().gaussKruger().centralMeridian()));
              writer.row(List.of("Y含带号", table.crs().zonePrefix() ? "是" : "否"));
              writer.row(List.of("边长", "高斯-克吕格平面距离，米"));
              writer.row(List.of("共用界址点容差(m)", BoundaryPoints.SHARED_TOLERANCE_M));
              writer.row(List.of("界址点数", (long) table.points().size()));
            });
      }
      default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(table));
    };
  }

  /** json, csv or xlsx: {@code format} first, else the Accept header, else json. */
  static String kind(String format, String accept) {
    if (format != null && !format.isBlank()) {
      String f = format.strip().toLowerCase(Locale.ROOT);
      if (!f.equals("json") && !f.equals("csv") && !f.equals("xlsx")) {
        throw BoundaryPointTables.badParameter(
            "format", "format must be json, csv or xlsx, was \"" + format + "\"");
      }
      return f;
    }
    if (accept != null) {
      if (accept.contains(XlsxDownload.XLSX.toString())) {
        return "xlsx";
      }
      if (accept.contains("text/csv")) {
        return "csv";
      }
    }
    return "json";
  }

  private static List<Object> row(BoundaryPoint p) {
    List<Object> row = new ArrayList<>();
    row.add(p.name());
    row.add((long) p.part());
    row.add((long) p.ring());
    row.add(BoundaryPointTables.mm(p.x()));
    row.add(BoundaryPointTables.mm(p.y()));
    row.add(BoundaryPointTables.mm(p.distanceM()));
    row.add(p.sharedText());
    return row;
  }

  /** RFC 4180, CRLF, UTF-8 with a BOM (so Excel reads the Chinese headers). */
  static String csv(BoundaryPointTables.Table table) {
    StringBuilder out = new StringBuilder("\uFEFF");
    out.append(String.join(",", HEADER)).append("\r\n");
    for (BoundaryPoint p : table.points()) {
      out.append(p.name())
          .append(',')
          .append(p.part())
          .append(',')
          .append(p.ring())
          .append(',')
          .append(String.format(Locale.ROOT, "%.3f", p.x()))
          .append(',')
          .append(String.format(Locale.ROOT, "%.3f", p.y()))
          .append(',')
          .append(String.format(Locale.ROOT, "%.3f", p.distanceM()))
          .append(',')
          .append(p.sharedText())
          .append("\r\n");
    }
    return out.toString();
  }

  /** The JSON form of a zone's table: the zone, the plane and its points. */
  record TableJson(
      String planId,
      String code,
      String name,
      int epsg,
      String crs,
      int gkZone,
      boolean zonePrefix,
      String distance,
      double sharedToleranceM,
      List<PointJson> points) {}

  /** One boundary point: its plane coordinates and edge to the next in millimetres' precision. */
  record PointJson(
      String name,
      int part,
      int ring,
      double x,
      double y,
      double distanceM,
      double longitude,
      double latitude,
      List<SharedJson> shared) {}

  /** A point of another zone within the tolerance, by that zone's code and point name. */
  record SharedJson(String code, String name, double offsetM) {}

  private static TableJson json(BoundaryPointTables.Table table) {
    List<PointJson> points = new ArrayList<>();
    for (BoundaryPoint p : table.points()) {
      List<SharedJson> shared = new ArrayList<>();
      for (BoundaryPoint.SharedPoint s : p.shared()) {
        shared.add(
            new SharedJson(s.zoneCode(), s.pointName(), BoundaryPointTables.mm(s.offsetM())));
      }
      points.add(
          new PointJson(
              p.name(),
              p.part(),
              p.ring(),
              BoundaryPointTables.mm(p.x()),
              BoundaryPointTables.mm(p.y()),
              BoundaryPointTables.mm(p.distanceM()),
              p.longitude(),
              p.latitude(),
              shared));
    }
    return new TableJson(
        table.zone().planId(),
        table.zone().code(),
        table.zone().name(),
        table.crs().epsg(),
        table.crs().name(),
        table.crs().gaussKruger().zone(),
        table.crs().zonePrefix(),
        "planar, in the Gauss-Krüger plane of epsg, metres",
        BoundaryPoints.SHARED_TOLERANCE_M,
        points);
  }
}
