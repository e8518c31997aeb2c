package org.zoneplan.exports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.codecs.gis.ExportFeature;
import org.zoneplan.codecs.gis.ExportField;
import org.zoneplan.codecs.gis.FeatureSource;
import org.zoneplan.codecs.gis.FieldSchema;
import org.zoneplan.codecs.gis.LayerFields.Parcels;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.parcels.LandUseCatalog;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.store.Wkb;
import org.zoneplan.zones.ZoneVisibility;

/**
 * Land parcels, streamed from the store with a cursor (a read-only transaction and a fetch size, so
 * PostgreSQL does not load every row into memory). Fields (default / shapefile / survey): id / ID /
 * BSM, scheme / SCHEME / FLBZ, landUseCode / LANDUSE / DLBM, landUseName / - / DLMC (survey only),
 * enterpriseName / ENTERPRISE / QYMC, creditCode / CREDITCODE / TYSHXYDM, area (areaMu / AREA_MU /
 * TBMJ); the survey schema adds YSDM (2001010100, 地类图斑), XZQDM and XZQMC.
 *
 * <p>The enterprise fields are the parcel's first owner, joined from {@code enterprise_land} and
 * {@code enterprise}: of its OWNER links the one with the largest share, ties to the smaller credit
 * code; empty when the parcel has no owner (tenants are not exported; a parcel's users and the
 * enterprises' figures by year are exported from {@code /api/enterprises}). An import reads them
 * back as an owner with share 1.
 */
@Component
class ParcelLayer implements ExportLayer {
  /** Feature code (要素代码) of 地类图斑 in the third national land survey database. */
  static final String YSDM_PARCEL = "2001010100";

  private static final int FETCH_SIZE = 2000;
  private static final String SELECT =
      "SELECT p.id, p.scheme, p.land_use_code, e.name, o.credit_code, p.area_m2,"
          + " ST_AsBinary(p.geom) AS wkb FROM parcel p"
          + " LEFT JOIN enterprise_land o ON o.parcel_id = p.id AND o.role = 'OWNER'"
          + " AND NOT EXISTS (SELECT 1 FROM enterprise_land b WHERE b.parcel_id = p.id"
          + " AND b.role = 'OWNER' AND (b.share > o.share"
          + " OR (b.share = o.share AND b.credit_code < o.credit_code)))"
          + " LEFT JOIN enterprise e ON e.credit_code = o.credit_code"
          + " ORDER BY p.id";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate readOnly;
  private final DivisionRepository divisions;
  private final ZoneVisibility visibility;

  ParcelLayer(
      DataSource dataSource,
      PlatformTransactionManager transactions,
      DivisionRepository divisions,
      ZoneVisibility visibility) {
    this.visibility = visibility;
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setFetchSize(FETCH_SIZE);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.divisions = divisions;
  }

  @Override
  public String name() {
    return "parcels";
  }

  @Override
  public FeatureSource source(String planId, LayerOptions options) {
    boolean survey = options.schema() == FieldSchema.SURVEY;
    Map<String, Object> longest =
        jdbc.queryForMap(
            "SELECT MAX(CHAR_LENGTH(scheme)) AS s, MAX(CHAR_LENGTH(land_use_code)) AS l,"
                + " (SELECT MAX(CHAR_LENGTH(e.name)) FROM enterprise e WHERE e.credit_code IN"
                + " (SELECT credit_code FROM enterprise_land WHERE role = 'OWNER')) AS e,"
                + " (SELECT MAX(CHAR_LENGTH(credit_code)) FROM enterprise_land"
                + " WHERE role = 'OWNER') AS c FROM parcel");
    List<ExportField> fields = new ArrayList<>();
    fields.add(ExportField.integer(options.pick("id", "BSM"), options.pick("ID", "BSM")));
    if (survey) {
      fields.add(ExportField.text("YSDM", "YSDM", YSDM_PARCEL.length()));
    }
    fields.add(Parcels.SCHEME.text(options.schema(), chars(longest, "s")));
    fields.add(Parcels.LAND_USE.text(options.schema(), chars(longest, "l")));
    if (survey) {
      fields.add(ExportField.text("DLMC", "DLMC", LandUseCatalog.standard().longestName()));
    }
    fields.add(Parcels.ENTERPRISE.text(options.schema(), chars(longest, "e")));
    fields.add(Parcels.CREDIT_CODE.text(options.schema(), chars(longest, "c")));
    if (survey) {
      fields.add(ExportField.text("XZQDM", "XZQDM", 12));
      fields.add(ExportField.text("XZQMC", "XZQMC", 50));
    }
    fields.add(
        ExportField.real(
            options.pick(options.unit().propertyName(), "TBMJ"),
            options.pick(options.unit().dbfName(), "TBMJ"),
            options.unit().decimals()));
    DivisionLocator locator = survey ? new DivisionLocator(divisions.findAll(true)) : null;
    AreaUnit unit = options.unit();
    // Taken here, on the request's thread: the features may be written on another one. A user
    // limited by jurisdiction exports only the parcels of their land (by interior point).
    Predicate<Geometry> land = visibility.landFilter(planId);

    return new FeatureSource() {
      @Override
      public String name() {
        return "parcels";
      }

      @Override
      public List<ExportField> fields() {
        return fields;
      }

      @Override
      public void forEach(Sink sink) throws IOException {
        try {
          readOnly.executeWithoutResult(
              status ->
                  jdbc.query(
                      SELECT,
                      rs -> {
                        try {
                          ExportFeature f = feature(rs, survey, locator, unit, fields.size());
                          if (land != null && !land.test(f.geometry())) {
                            return;
                          }
                          sink.accept(f);
                        } catch (IOException e) {
                          throw new UncheckedIOException(e);
                        }
                      }));
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    };
  }

  private static ExportFeature feature(
      ResultSet rs, boolean survey, DivisionLocator locator, AreaUnit unit, int width)
      throws SQLException {
    long id = rs.getLong(1);
    MultiPolygon geometry = Wkb.readMultiPolygon(rs.getBytes(7));
    Object[] values = new Object[width];
    int i = 0;
    values[i++] = id;
    String scheme = rs.getString(2);
    String code = rs.getString(3);
    if (survey) {
      values[i++] = YSDM_PARCEL;
    }
    values[i++] = scheme;
    values[i++] = code;
    if (survey) {
      // 地类名称 from the scheme's own code table (null for a code outside it).
      values[i++] = LandUseCatalog.standard().name(LandUseScheme.valueOf(scheme), code);
    }
    values[i++] = rs.getString(4);
    values[i++] = rs.getString(5);
    if (survey) {
      Division d = locator.locate(geometry);
      values[i++] = d == null ? null : d.code();
      values[i++] = d == null ? null : d.name();
    }
    values[i] = unit.fromSquareMetres(rs.getDouble(6));
    return new ExportFeature(Long.toString(id), values, geometry);
  }

  private static int chars(Map<String, Object> longest, String key) {
    Object v = longest.get(key);
    return v == null ? 1 : ((Number) v).intValue();
  }
}
