package org.zoneplan.exports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.zoneplan.analysis.OverlapReport;
import org.zoneplan.analysis.SpatialProblem;
import org.zoneplan.codecs.gis.ExportFeature;
import org.zoneplan.codecs.gis.ExportField;
import org.zoneplan.codecs.gis.FeatureSource;
import org.zoneplan.codecs.gis.FieldSchema;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneService;

/**
 * The spatial problems of a plan version, as {@code GET /api/plans/{planId}/overlaps} lists them
 * (default tolerance; the analysis computes and caches them, so they are in memory already). Fields
 * (default / shapefile / survey): kind / KIND / WTLX (问题类型: OVERLAP, SLIVER, OUTSIDE_PARENT, GAP),
 * kindName / KINDNAME / WTMC (its Chinese name), zoneA / ZONEA / QYA, zoneAName / NAMEA / QYAMC,
 * zoneB / ZONEB / QYB, zoneBName / NAMEB / QYBMC, narrow / NARROW / XZ (1 when narrower than the
 * tolerance everywhere, else 0), area (areaMu / AREA_MU / MJ); the survey schema adds BSM (sequence
 * number). For OUTSIDE_PARENT zone A is the child, zone B the parent.
 */
@Component
class OverlapLayer implements ExportLayer {
  static final Map<SpatialProblem.Kind, String> KIND_NAMES =
      new EnumMap<>(
          Map.of(
              SpatialProblem.Kind.OVERLAP, "重叠",
              SpatialProblem.Kind.SLIVER, "狭长重叠",
              SpatialProblem.Kind.OUTSIDE_PARENT, "超出上级范围",
              SpatialProblem.Kind.GAP, "缝隙"));

  private final OverlapReport overlaps;
  private final ZoneService zones;

  OverlapLayer(OverlapReport overlaps, ZoneService zones) {
    this.overlaps = overlaps;
    this.zones = zones;
  }

  @Override
  public String name() {
    return "overlaps";
  }

  @Override
  public FeatureSource source(String planId, LayerOptions options) {
    boolean survey = options.schema() == FieldSchema.SURVEY;
    List<SpatialProblem> problems = overlaps.problems(planId, null);
    Map<String, String> names = new HashMap<>();
    for (Zone z : zones.zones(planId)) {
      names.put(z.code(), z.name());
    }

    List<ExportField> fields = new ArrayList<>();
    if (survey) {
      fields.add(ExportField.integer("BSM", "BSM"));
    }
    fields.add(ExportField.text(options.pick("kind", "WTLX"), options.pick("KIND", "WTLX"), 0));
    fields.add(
        ExportField.text(options.pick("kindName", "WTMC"), options.pick("KINDNAME", "WTMC"), 0));
    fields.add(ExportField.text(options.pick("zoneA", "QYA"), options.pick("ZONEA", "QYA"), 0));
    fields.add(
        ExportField.text(options.pick("zoneAName", "QYAMC"), options.pick("NAMEA", "QYAMC"), 0));
    fields.add(ExportField.text(options.pick("zoneB", "QYB"), options.pick("ZONEB", "QYB"), 0));
    fields.add(
        ExportField.text(options.pick("zoneBName", "QYBMC"), options.pick("NAMEB", "QYBMC"), 0));
    fields.add(ExportField.integer(options.pick("narrow", "XZ"), options.pick("NARROW", "XZ")));
    fields.add(
        ExportField.real(
            options.pick(options.unit().propertyName(), "MJ"),
            options.pick(options.unit().dbfName(), "MJ"),
            options.unit().decimals()));

    List<Object[]> rows = new ArrayList<>();
    List<ExportFeature> features = new ArrayList<>();
    for (int n = 0; n < problems.size(); n++) {
      SpatialProblem p = problems.get(n);
      List<Object> row = new ArrayList<>();
      if (survey) {
        row.add((long) (n + 1));
      }
      row.add(p.kind().name());
      row.add(KIND_NAMES.get(p.kind()));
      row.add(p.zoneA());
      row.add(names.get(p.zoneA()));
      row.add(p.zoneB());
      row.add(names.get(p.zoneB()));
      row.add(p.narrow() ? 1L : 0L);
      row.add(options.unit().fromSquareMetres(p.areaM2()));
      Object[] values = row.toArray();
      rows.add(values);
      features.add(new ExportFeature(Integer.toString(n + 1), values, p.geometry()));
    }
    return FeatureSource.of("overlaps", ZoneLayer.sizeTextFields(fields, rows), features);
  }
}
