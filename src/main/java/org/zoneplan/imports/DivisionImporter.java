package org.zoneplan.imports;

import static org.zoneplan.imports.FieldValues.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.stereotype.Component;
import org.zoneplan.codecs.gis.FeatureInput;
import org.zoneplan.codecs.gis.LayerFields.Divisions;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionService;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.EllipsoidalArea;

/**
 * Administrative divisions: each feature creates the division of its code or replaces it; the level
 * is read, or COUNTY for codes of up to 6 digits and TOWN for longer ones.
 */
@Component
class DivisionImporter implements LayerImporter {
  private final DivisionService divisions;

  DivisionImporter(DivisionService divisions) {
    this.divisions = divisions;
  }

  @Override
  public String layer() {
    return "divisions";
  }

  @Override
  public Runnable read(FeatureInput input, ImportRun run) throws IOException {
    List<Division> rows = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    input.forEach(
        f -> {
          run.features++;
          Map<String, Object> a = f.attributes();
          String code = text(a, Divisions.CODE);
          String key = code == null ? "feature " + f.number() : code;
          MultiPolygon geometry = run.geometry(f, key);
          String name = text(a, Divisions.NAME);
          if (code == null || code.length() > 12 || !codes.add(code)) {
            run.error(
                f.number(), key, "division code (CODE, XZQDM) missing, too long or repeated", null);
            return;
          }
          if (name == null) {
            run.error(f.number(), key, "no name (field NAME, XZQMC or name)", null);
            return;
          }
          if (geometry == null) {
            return;
          }
          String level = text(a, Divisions.LEVEL);
          String repair = run.lastRepair != null ? run.lastRepair : text(a, Divisions.REPAIR_NOTE);
          rows.add(
              new Division(
                  code,
                  name,
                  level != null ? level : (code.length() <= 6 ? "COUNTY" : "TOWN"),
                  text(a, Divisions.PARENT),
                  geometry,
                  AreaFigures.of(geometry),
                  repair));
          run.accepted++;
          run.areaM2 += EllipsoidalArea.squareMetres(geometry);
        });
    return () -> writeDivisions(rows, run);
  }

  private void writeDivisions(List<Division> rows, ImportRun run) {
    if (run.failed()) {
      return;
    }
    int created = divisions.saveAll(rows);
    run.created += created;
    run.replaced += rows.size() - created;
  }
}
