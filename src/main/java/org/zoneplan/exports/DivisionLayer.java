package org.zoneplan.exports;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.zoneplan.codecs.gis.ExportFeature;
import org.zoneplan.codecs.gis.ExportField;
import org.zoneplan.codecs.gis.FeatureSource;
import org.zoneplan.codecs.gis.FieldSchema;
import org.zoneplan.codecs.gis.LayerField;
import org.zoneplan.codecs.gis.LayerFields.Divisions;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;

/**
 * Administrative divisions that have an outline (towns without one are left out). Fields (default /
 * shapefile / survey): code / CODE / XZQDM, name / NAME / XZQMC, level / LEVEL / JB, parent /
 * PARENT / SJXZQDM, repairNote / REPAIRNOTE / XFSM, area (areaMu / AREA_MU / JSMJ, 计算面积); the
 * survey schema adds BSM and YSDM (1000600100, 行政区).
 */
@Component
class DivisionLayer implements ExportLayer {
  /** Feature code (要素代码) of 行政区 in the third national land survey database. */
  static final String YSDM_DIVISION = "1000600100";

  private final DivisionRepository divisions;

  DivisionLayer(DivisionRepository divisions) {
    this.divisions = divisions;
  }

  @Override
  public String name() {
    return "divisions";
  }

  @Override
  public FeatureSource source(String planId, LayerOptions options) {
    boolean survey = options.schema() == FieldSchema.SURVEY;
    List<ExportField> fields = new ArrayList<>();
    if (survey) {
      fields.add(ExportField.integer("BSM", "BSM"));
      fields.add(ExportField.text("YSDM", "YSDM", YSDM_DIVISION.length()));
    }
    for (LayerField f :
        List.of(
            Divisions.CODE,
            Divisions.NAME,
            Divisions.LEVEL,
            Divisions.PARENT,
            Divisions.REPAIR_NOTE)) {
      fields.add(f.text(options.schema(), 0));
    }
    fields.add(
        ExportField.real(
            options.pick(options.unit().propertyName(), "JSMJ"),
            options.pick(options.unit().dbfName(), "JSMJ"),
            options.unit().decimals()));

    List<Object[]> rows = new ArrayList<>();
    List<Division> withOutline =
        divisions.findAll(true).stream().filter(d -> d.geometry() != null).toList();
    long bsm = 0;
    for (Division d : withOutline) {
      List<Object> row = new ArrayList<>();
      if (survey) {
        row.add(++bsm);
        row.add(YSDM_DIVISION);
      }
      row.add(d.code());
      row.add(d.name());
      row.add(d.level());
      row.add(d.parentCode());
      row.add(d.repairNote());
      row.add(options.unit().fromSquareMetres(d.area().squareMetres()));
      rows.add(row.toArray());
    }
    List<ExportFeature> features = new ArrayList<>();
    for (int i = 0; i < withOutline.size(); i++) {
      Division d = withOutline.get(i);
      features.add(new ExportFeature(d.code(), rows.get(i), d.geometry()));
    }
    return FeatureSource.of("divisions", ZoneLayer.sizeTextFields(fields, rows), features);
  }
}
