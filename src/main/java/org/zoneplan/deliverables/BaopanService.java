package org.zoneplan.deliverables;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.codecs.BaopanFile;
import org.zoneplan.codecs.BaopanFile.Problem;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.BoundaryPoints;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GaussKruger;
import org.zoneplan.geo.GeometryLimitExceededException;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.proposals.Proposal;
import org.zoneplan.proposals.ProposalService;
import org.zoneplan.proposals.ProposedChange;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.VersionedZone;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneService;

/**
 * The 报盘 coordinate file of stored zones, and its import: the whole file is read and every parcel
 * rebuilt and checked before anything is written; any problem is a 422 naming every line, and
 * nothing is written. Writes go through {@link ZoneService} (a zone's new geometry, If-Match) or
 * {@link ProposalService} (a draft proposal).
 */
@Service
public class BaopanService {
  private final ZoneService zones;
  private final ProposalService proposals;
  private final GeometryLimits limits;
  private final AuditLog audit;

  BaopanService(
      ZoneService zones, ProposalService proposals, GeometryLimits limits, AuditLog audit) {
    this.zones = zones;
    this.proposals = proposals;
    this.limits = limits;
    this.audit = audit;
  }

  /** The file of one zone (Y with the zone number unless {@code prefix=false}). */
  public byte[] zoneFile(String planId, String code, String epsg, String prefix, String producer) {
    Zone zone = zones.zone(planId, code);
    Crs crs = BoundaryPointTables.crs(zone.area().gkEpsg(), epsg, prefix, true);
    audit.record("export", planId + "/" + code, "baopan.txt " + crs);
    return file(List.of(zone), crs, producer);
  }

  /**
   * The file of every zone of a plan version, one parcel per zone in code order, all in one CRS:
   * {@code epsg=}, else the Gauss-Krüger zone of the centre of all zones' bounding box.
   */
  public byte[] planFile(String planId, String epsg, String prefix, String producer) {
    zones.plan(planId);
    List<Zone> all = zones.zones(planId);
    Envelope box = new Envelope();
    all.forEach(z -> box.expandToInclude(z.geometry().getEnvelopeInternal()));
    int stored =
        box.isNull()
            ? new GaussKruger(40).epsg()
            : GaussKruger.forLongitude((box.getMinX() + box.getMaxX()) / 2).epsg();
    Crs crs = BoundaryPointTables.crs(stored, epsg, prefix, true);
    audit.record("export", planId, "baopan.txt " + crs + ", " + all.size() + " zones");
    return file(all, crs, producer);
  }

  private static byte[] file(List<Zone> list, Crs crs, String producer) {
    List<BaopanFile.Parcel> parcels = new ArrayList<>();
    for (Zone zone : list) {
      double planar = crs.fromCgcs2000().apply(zone.geometry()).getArea();
      parcels.add(
          BaopanGeometry.parcel(
              zone.code(), zone.name(), "", BoundaryPoints.of(zone.geometry(), crs), planar));
    }
    return BaopanFile.write(
        BaopanGeometry.attributes(
            producer == null || producer.isBlank() ? "zoneplan" : producer,
            LocalDate.now(ZoneId.of("Asia/Shanghai")),
            crs),
        parcels);
  }

  /**
   * One zone's geometry read from a file.
   *
   * @param code the zone it is for
   * @param fileCodes the 地块编号 of its parcels, in file order
   * @param fileNames their 地块名称
   * @param geometry EPSG:4490
   * @param declaredHectares the sum of the parcels' 地块面积 (null when one is empty)
   * @param lines the header line of each parcel
   */
  public record ImportedZone(
      String code,
      List<String> fileCodes,
      List<String> fileNames,
      MultiPolygon geometry,
      Double declaredHectares,
      List<Integer> lines) {
    public AreaFigures area() {
      return AreaFigures.of(geometry);
    }
  }

  /** A read file: its CRS and header, and one geometry per zone. */
  public record Imported(Crs crs, Map<String, String> attributes, List<ImportedZone> zones) {}

  /**
   * Reads and checks a whole file.
   *
   * @param forZone the zone every parcel belongs to, or null: each parcel's 地块编号 names an existing
   *     zone of the plan (parcels of one code together make its geometry)
   * @throws ApiProblem 422 {@code invalid-baopan-file} with {@code problems: [{line, problem}]}
   */
  public Imported read(String planId, String forZone, byte[] bytes, String epsg) {
    zones.plan(planId);
    List<Problem> problems = new ArrayList<>();
    Integer given = null;
    if (epsg != null && !epsg.isBlank()) {
      try {
        given = Crs.parse(epsg).epsg();
      } catch (IllegalArgumentException e) {
        throw BoundaryPointTables.badParameter("epsg", e.getMessage());
      }
    }
    BaopanFile.Checked checked;
    try {
      checked = BaopanFile.readChecked(bytes, BaopanFile.Limits.DEFAULT);
    } catch (BaopanFile.InvalidFileException e) {
      throw refused(e.problems());
    }
    // The parcels without problems of their own are rebuilt too, so that one answer lists every
    // problem of the file.
    problems.addAll(checked.problems());
    BaopanFile.Content content = checked.content();
    if (content.parcels().isEmpty()) {
      throw refused(problems);
    }
    Crs crs = BaopanGeometry.crs(content, given, problems);
    Map<String, List<BaopanFile.Parcel>> groups = new LinkedHashMap<>();
    if (forZone != null) {
      zones.zone(planId, forZone);
      groups.put(forZone, content.parcels());
    } else {
      Map<String, Integer> versions = zones.versions(planId);
      for (BaopanFile.Parcel parcel : content.parcels()) {
        if (parcel.code().isEmpty()) {
          problems.add(new Problem(parcel.line(), "地块编号为空：按文件导入整个规划时，地块编号应为区块代码"));
        } else if (!versions.containsKey(parcel.code())) {
          problems.add(
              new Problem(
                  parcel.line(), "未知的区块“" + parcel.code() + "”：规划 " + planId + " 中没有这个区块代码"));
        } else {
          groups.computeIfAbsent(parcel.code(), k -> new ArrayList<>()).add(parcel);
        }
      }
    }
    List<ImportedZone> result = new ArrayList<>();
    if (crs != null) {
      for (Map.Entry<String, List<BaopanFile.Parcel>> group : groups.entrySet()) {
        MultiPolygon geometry = BaopanGeometry.geometry(group.getValue(), crs, problems);
        if (geometry == null) {
          continue;
        }
        try {
          limits.check(geometry);
        } catch (GeometryLimitExceededException e) {
          problems.add(new Problem(group.getValue().get(0).line(), e.getMessage()));
          continue;
        }
        Double declared = 0.0;
        for (BaopanFile.Parcel p : group.getValue()) {
          declared =
              declared == null || p.areaHectares() == null ? null : declared + p.areaHectares();
        }
        result.add(
            new ImportedZone(
                group.getKey(),
                group.getValue().stream().map(BaopanFile.Parcel::code).toList(),
                group.getValue().stream().map(BaopanFile.Parcel::name).toList(),
                geometry,
                declared,
                group.getValue().stream().map(BaopanFile.Parcel::line).toList()));
      }
    }
    if (!problems.isEmpty()) {
      throw refused(problems);
    }
    return new Imported(crs, content.attributes(), result);
  }

  /** Replaces a zone's geometry with the file's (If-Match checked by {@link ZoneService}). */
  public VersionedZone replace(
      String planId, String code, Imported imported, Integer expectedVersion, String reason) {
    Zone zone = zones.zone(planId, code);
    VersionedZone written =
        zones.replaceVersioned(
            planId,
            code,
            draft(zone, imported.zones().get(0).geometry()),
            expectedVersion,
            new ZoneService.Change(reason == null || reason.isBlank() ? "报盘文件导入" : reason, null));
    audit.record("import", planId + "/" + code, "baopan.txt " + imported.crs());
    return written;
  }

  /** A draft proposal changing the geometry of every zone the file names. */
  public Proposal propose(
      String planId, Imported imported, Integer baseVersion, String title, String reason) {
    List<ProposedChange> changes = new ArrayList<>();
    for (ImportedZone z : imported.zones()) {
      Zone zone = zones.zone(planId, z.code());
      changes.add(
          new ProposedChange(
              changes.size() + 1,
              ProposedChange.Operation.UPDATE,
              z.code(),
              imported.zones().size() == 1 ? baseVersion : null,
              draft(zone, z.geometry())));
    }
    return proposals.create(
        Proposal.draft(
            planId,
            title == null || title.isBlank() ? "报盘文件导入" : title,
            reason,
            Proposal.TargetMode.APPLY,
            null,
            null,
            changes,
            null,
            null));
  }

  private static ZoneDraft draft(Zone zone, MultiPolygon geometry) {
    return new ZoneDraft(
        zone.name(), zone.kind(), zone.parentCode(), zone.managedBy(), zone.attributes(), geometry);
  }

  static ApiProblem refused(List<Problem> found) {
    List<Problem> problems = new ArrayList<>(found);
    problems.sort(java.util.Comparator.comparingInt(Problem::line));
    return new ApiProblem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "invalid-baopan-file",
            "Invalid 报盘 file",
            "报盘文件有 "
                + problems.size()
                + " 处问题，未写入任何内容；第一处："
                + (problems.get(0).line() > 0 ? "第 " + problems.get(0).line() + " 行：" : "")
                + problems.get(0).problem())
        .with("problems", problems); // records: {"line": …, "problem": …}
  }
}
