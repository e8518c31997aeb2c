package org.zoneplan.imports;

import static org.zoneplan.imports.FieldValues.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.stereotype.Component;
import org.zoneplan.codecs.gis.FeatureInput;
import org.zoneplan.codecs.gis.LayerField;
import org.zoneplan.codecs.gis.LayerFields.Zones;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.geo.GeometryRejectedException;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;

/**
 * Zones of a plan version: each feature creates the zone of its code or replaces it (through {@link
 * ZoneService}, so history, audit and events are the same as for an edit), parents before children;
 * a parent must be in the file or in the plan. Fields that are not a zone's own become its free
 * attributes.
 */
@Component
class ZoneImporter implements LayerImporter {
  /** Export fields that are computed, not imported. */
  private static final Set<String> COMPUTED =
      Set.of("PLAN", "GHBB", "PLANID", "BSM", "XZQDM", "XZQMC", "MJ", "ID", "FID", "YSDM");

  private final ZoneService zoneService;
  private final ZoneRepository zoneRepository;

  ZoneImporter(ZoneService zoneService, ZoneRepository zoneRepository) {
    this.zoneService = zoneService;
    this.zoneRepository = zoneRepository;
  }

  @Override
  public String layer() {
    return "zones";
  }

  private record ZoneRow(int number, String code, ZoneDraft draft) {}

  @Override
  public Runnable read(FeatureInput input, ImportRun run) throws IOException {
    String planId = run.request.planId();
    List<ZoneRow> rows = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    input.forEach(
        f -> {
          run.features++;
          Map<String, Object> a = f.attributes();
          String code = text(a, Zones.CODE);
          String key = code == null ? "feature " + f.number() : code;
          MultiPolygon geometry = run.geometry(f, key);
          String name = text(a, Zones.NAME);
          String kindText = text(a, Zones.KIND);
          ZoneKind kind = null;
          try {
            kind = kindText == null ? null : ZoneKind.valueOf(kindText.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            // reported below
          }
          if (code == null) {
            run.error(f.number(), key, "no zone code (field CODE, KFQDM or code)", null);
          } else if (!codes.add(code)) {
            run.error(
                f.number(), key, "zone code \"" + code + "\" appears twice in the file", null);
          }
          if (name == null) {
            run.error(f.number(), key, "no name (field NAME, KFQMC or name)", null);
          }
          if (kind == null) {
            run.error(
                f.number(),
                key,
                "kind must be one of " + List.of(ZoneKind.values()) + ", was " + kindText,
                null);
          }
          if (geometry == null || code == null || name == null || kind == null) {
            return;
          }
          Map<String, Object> attributes = zoneAttributes(a);
          if (run.lastRepair != null) {
            attributes.put("repairNote", run.lastRepair);
          }
          ZoneDraft draft =
              new ZoneDraft(
                  name,
                  kind,
                  text(a, Zones.PARENT),
                  text(a, Zones.MANAGED_BY),
                  attributes,
                  geometry);
          rows.add(new ZoneRow(f.number(), code, draft));
          run.accepted++;
          run.areaM2 += EllipsoidalArea.squareMetres(geometry);
        });
    return () -> writeZones(planId, rows, run);
  }

  private void writeZones(String planId, List<ZoneRow> rows, ImportRun run) {
    Map<String, ZoneRow> byCode = new HashMap<>();
    rows.forEach(r -> byCode.put(r.code(), r));
    Set<String> existing = new HashSet<>();
    zoneRepository.findZones(planId).forEach(z -> existing.add(z.code()));
    for (ZoneRow r : rows) {
      String parent = r.draft().parentCode();
      if (parent != null && !byCode.containsKey(parent) && !existing.contains(parent)) {
        run.error(
            r.number(),
            r.code(),
            "parent \"" + parent + "\" is neither in the file nor in plan \"" + planId + "\"",
            null);
      }
    }
    if (run.failed()) {
      return;
    }
    // Parents first, so each exists when its child is written.
    List<ZoneRow> ordered =
        rows.stream().sorted(Comparator.comparingInt(r -> depth(r, byCode))).toList();
    for (ZoneRow r : ordered) {
      try {
        if (existing.contains(r.code())) {
          zoneService.replace(planId, r.code(), r.draft());
          run.replaced++;
        } else {
          zoneService.create(planId, r.code(), r.draft());
          run.created++;
        }
      } catch (ApiProblem | GeometryRejectedException e) {
        Coordinate at = e instanceof GeometryRejectedException g ? g.issue().coordinate() : null;
        run.error(r.number(), r.code(), e.getMessage(), at);
        return;
      }
    }
  }

  private static int depth(ZoneRow row, Map<String, ZoneRow> byCode) {
    int depth = 0;
    for (String p = row.draft().parentCode();
        p != null && byCode.containsKey(p) && depth < 100;
        p = byCode.get(p).draft().parentCode()) {
      depth++;
    }
    return depth;
  }

  /** Every field that is not a zone property or computed becomes a free attribute. */
  private static Map<String, Object> zoneAttributes(Map<String, Object> a) {
    Map<String, String> known = new HashMap<>();
    Zones.ATTRIBUTE_SHAPEFILE_NAMES.forEach((key, dbf) -> known.put(dbf, key));
    Set<String> core = new HashSet<>();
    for (LayerField f : Zones.CORE) {
      f.names().forEach(n -> core.add(n.toUpperCase(Locale.ROOT)));
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    a.forEach(
        (field, value) -> {
          String upper = field.toUpperCase(Locale.ROOT);
          if (value == null
              || core.contains(upper)
              || COMPUTED.contains(upper)
              || upper.startsWith("AREA")) {
            return;
          }
          String key = known.getOrDefault(upper, field);
          if (key.startsWith("attr_")) {
            key = key.substring(5);
          }
          attributes.put(key, value);
        });
    return attributes;
  }
}
