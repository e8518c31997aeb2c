package org.zoneplan.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.zoneplan.analysis.ScatteredLandReport;
import org.zoneplan.analysis.ScatteredLandReport.ScatteredLand;
import org.zoneplan.analysis.ScatteredLandReport.ScatteredParcel;
import org.zoneplan.codecs.gis.ExportFeature;
import org.zoneplan.codecs.gis.ExportField;
import org.zoneplan.codecs.gis.FeatureSource;
import org.zoneplan.parcels.LandUser;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelService;

/**
 * Scattered industrial land of a plan version, as {@code GET /api/plans/{planId}/scattered} lists
 * it for the plan's default division (the county holding most of its zones) and the configured
 * {@code include-storage}: industrial parcels whose interior point lies in the division and in no
 * zone. The analysis holds them in memory (its parcel snapshot), so the export lists them from
 * there. Fields (default / shapefile / survey): id / ID / BSM, scheme / SCHEME / FLBZ, landUseCode
 * / LANDUSE / DLBM, landUseName / LANDUSENM / DLMC (as {@code /api/parcels} names it),
 * enterpriseName / ENTERPRISE / QYMC, creditCode / CREDITCODE / TYSHXYDM (its first land user,
 * owners first: {@code enterprise_land}), divisionCode / DIVCODE / XZQDM, divisionName / DIVNAME /
 * XZQMC (the division analysed), area (areaMu / AREA_MU / TBMJ: the area the analysis counts).
 */
@Component
class ScatteredLayer implements ExportLayer {
  private final ScatteredLandReport scattered;
  private final ParcelService parcels;

  ScatteredLayer(ScatteredLandReport scattered, ParcelService parcels) {
    this.scattered = scattered;
    this.parcels = parcels;
  }

  @Override
  public String name() {
    return "scattered";
  }

  @Override
  public FeatureSource source(String planId, LayerOptions options) {
    ScatteredLand land = scattered.scatteredLand(planId, null, null);

    List<ExportField> fields = new ArrayList<>();
    fields.add(ExportField.integer(options.pick("id", "BSM"), options.pick("ID", "BSM")));
    fields.add(ExportField.text(options.pick("scheme", "FLBZ"), options.pick("SCHEME", "FLBZ"), 0));
    fields.add(
        ExportField.text(options.pick("landUseCode", "DLBM"), options.pick("LANDUSE", "DLBM"), 0));
    fields.add(
        ExportField.text(
            options.pick("landUseName", "DLMC"), options.pick("LANDUSENM", "DLMC"), 0));
    fields.add(
        ExportField.text(
            options.pick("enterpriseName", "QYMC"), options.pick("ENTERPRISE", "QYMC"), 0));
    fields.add(
        ExportField.text(
            options.pick("creditCode", "TYSHXYDM"), options.pick("CREDITCODE", "TYSHXYDM"), 0));
    fields.add(
        ExportField.text(
            options.pick("divisionCode", "XZQDM"), options.pick("DIVCODE", "XZQDM"), 0));
    fields.add(
        ExportField.text(
            options.pick("divisionName", "XZQMC"), options.pick("DIVNAME", "XZQMC"), 0));
    fields.add(
        ExportField.real(
            options.pick(options.unit().propertyName(), "TBMJ"),
            options.pick(options.unit().dbfName(), "TBMJ"),
            options.unit().decimals()));

    Map<Long, List<LandUser>> users =
        parcels.landUsers(land.parcels().stream().map(ScatteredParcel::parcel).toList());
    List<Object[]> rows = new ArrayList<>();
    List<ExportFeature> features = new ArrayList<>();
    for (ScatteredParcel s : land.parcels()) {
      Parcel p = s.parcel();
      List<LandUser> list = users.getOrDefault(p.id(), List.of());
      LandUser first = list.isEmpty() ? null : list.get(0);
      Object[] values = {
        p.id(),
        p.scheme().name(),
        p.landUseCode(),
        parcels.landUseName(p),
        first == null ? null : first.name(),
        first == null ? null : first.creditCode(),
        land.division().code(),
        land.division().name(),
        options.unit().fromSquareMetres(s.areaM2())
      };
      rows.add(values);
      features.add(new ExportFeature(Long.toString(p.id()), values, p.geometry()));
    }
    return FeatureSource.of("scattered", ZoneLayer.sizeTextFields(fields, rows), features);
  }
}
