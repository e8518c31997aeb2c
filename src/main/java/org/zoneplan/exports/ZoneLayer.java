package org.zoneplan.exports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.zoneplan.codecs.gis.ExportFeature;
import org.zoneplan.codecs.gis.ExportField;
import org.zoneplan.codecs.gis.FeatureSource;
import org.zoneplan.codecs.gis.FieldSchema;
import org.zoneplan.codecs.gis.LayerField;
import org.zoneplan.codecs.gis.LayerFields.Zones;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zones of a plan version. Fields (default name / shapefile name / survey name): planId / PLAN
 * / GHBB, code / CODE / KFQDM, name / NAME / KFQMC, kind / KIND / KFQLX, parent / PARENT / SJDM,
 * managedBy / MANAGEDBY / GLJG, the zone's free attributes (see {@link
 * Zones#ATTRIBUTE_SHAPEFILE_NAMES}), and the ellipsoidal area in the chosen unit (areaMu / AREA_MU
 * / MJ); the survey schema adds BSM (sequence number), XZQDM and XZQMC (the division the zone lies
 * in).
 */
@Component
class ZoneLayer implements ExportLayer {
  private final ZoneService zones;
  private final DivisionRepository divisions;
  private final JsonMapper json;

  ZoneLayer(ZoneService zones, DivisionRepository divisions, JsonMapper json) {
    this.zones = zones;
    this.divisions = divisions;
    this.json = json;
  }

  @Override
  public String name() {
    return "zones";
  }

  @Override
  public FeatureSource source(String planId, LayerOptions options) {
    List<Zone> list = zones.zones(planId);
    boolean survey = options.schema() == FieldSchema.SURVEY;
    DivisionLocator locator = survey ? new DivisionLocator(divisions.findAll(true)) : null;

    // Attribute keys in first-seen order, each with a unique shapefile name.
    Map<String, String> attributeNames = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>(List.of("PLAN", "CODE", "NAME", "KIND", "PARENT"));
    taken.addAll(List.of("MANAGEDBY", "BSM", "XZQDM", "XZQMC", options.unit().dbfName()));
    for (Zone z : list) {
      for (String key : z.attributes().keySet()) {
        if (!attributeNames.containsKey(key)) {
          attributeNames.put(key, uniqueDbfName(key, taken));
        }
      }
    }

    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Zone z = list.get(i);
      List<Object> row = new ArrayList<>();
      if (survey) {
        row.add((long) (i + 1));
      }
      row.add(z.planId());
      row.add(z.code());
      row.add(z.name());
      row.add(z.kind().name());
      row.add(z.parentCode());
      row.add(z.managedBy());
      if (survey) {
        Division d = locator.locate(z.geometry());
        row.add(d == null ? null : d.code());
        row.add(d == null ? null : d.name());
      }
      for (String key : attributeNames.keySet()) {
        row.add(attributeText(z.attributes().get(key)));
      }
      row.add(options.unit().fromSquareMetres(z.area().squareMetres()));
      rows.add(row.toArray());
    }

    List<ExportField> fields = new ArrayList<>();
    if (survey) {
      fields.add(ExportField.integer("BSM", "BSM"));
    }
    fields.add(Zones.PLAN.text(options.schema(), 0));
    for (LayerField f : Zones.CORE) {
      fields.add(f.text(options.schema(), 0));
    }
    if (survey) {
      fields.add(ExportField.text("XZQDM", "XZQDM", 12));
      fields.add(ExportField.text("XZQMC", "XZQMC", 0));
    }
    attributeNames.forEach(
        (key, dbfName) ->
            fields.add(ExportField.text(survey ? dbfName : propertyName(key), dbfName, 0)));
    fields.add(
        ExportField.real(
            options.pick(options.unit().propertyName(), "MJ"),
            options.pick(options.unit().dbfName(), "MJ"),
            options.unit().decimals()));

    List<ExportField> sized = sizeTextFields(fields, rows);
    List<ExportFeature> features = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      features.add(new ExportFeature(list.get(i).code(), rows.get(i), list.get(i).geometry()));
    }
    return FeatureSource.of("zones", sized, features);
  }

  /** Core names taken by the zone's own properties; an attribute of the same name is prefixed. */
  private static String propertyName(String key) {
    return Set.of("planId", "code", "name", "kind", "parent", "managedBy").contains(key)
            || key.startsWith("area")
        ? "attr_" + key
        : key;
  }

  private String attributeText(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof String s ? s : json.writeValueAsString(value);
  }

  /**
   * The shapefile name of an attribute: the known name, else its ASCII letters and digits in upper
   * case, cut to 10 bytes, with a number at the end when that name is taken.
   */
  static String uniqueDbfName(String key, Set<String> taken) {
    String base = Zones.ATTRIBUTE_SHAPEFILE_NAMES.get(key);
    if (base == null) {
      base = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "");
      if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
        base = "ATTR" + base;
      }
      base = base.substring(0, Math.min(10, base.length()));
    }
    String name = base;
    for (int n = 1; !taken.add(name); n++) {
      String suffix = Integer.toString(n);
      name = base.substring(0, Math.min(base.length(), 10 - suffix.length())) + suffix;
    }
    return name;
  }

  /** Text fields sized to their longest value. */
  static List<ExportField> sizeTextFields(List<ExportField> fields, List<Object[]> rows) {
    List<ExportField> sized = new ArrayList<>();
    for (int f = 0; f < fields.size(); f++) {
      ExportField field = fields.get(f);
      if (field.type() != ExportField.Type.TEXT) {
        sized.add(field);
        continue;
      }
      int longest = field.maxChars();
      for (Object[] row : rows) {
        if (row[f] != null) {
          longest = Math.max(longest, row[f].toString().length());
        }
      }
      sized.add(field.withMaxChars(longest));
    }
    return sized;
  }
}
