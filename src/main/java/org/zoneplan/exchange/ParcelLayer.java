package org.zoneplan.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.parcels.LandUseCatalog;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.store.Wkb;

/**
 * Land parcels, streamed from the store with a cursor (a read-only transaction and a fetch size, so
 * PostgreSQL does not load every row into memory). Fields (default / shapefile / survey): id / ID /
 * BSM, scheme / SCHEME / FLBZ, landUseCode / LANDUSE / DLBM, landUseName / - / DLMC (survey only),
 * enterpriseName / ENTERPRISE / QYMC, creditCode / CREDITCODE / TYSHXYDM, taxWan / TAX_WAN / SSZE,
 * valueAddedWan / VA_WAN / ZJZ, employees / EMPLOYEES / CYRS, area (areaMu / AREA_MU / TBMJ); the
 * survey schema adds YSDM (2001010100, 地类图斑), XZQDM and XZQMC.
 */
@Component
class ParcelLayer implements ExportLayer {
  /** Feature code (要素代码) of 地类图斑 in the third national land survey database. */
  static final String YSDM_PARCEL = "2001010100";

  private static final int FETCH_SIZE = 2000;
  private static final String SELECT =
      "SELECT id, scheme, land_use_code, enterprise_name, credit_code, tax_wan, value_added_wan,"
          + " employees, area_m2, ST_AsBinary(geom) AS wkb FROM parcel ORDER BY id";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate readOnly;
  private final DivisionRepository divisions;

  ParcelLayer(
      DataSource dataSource,
      PlatformTransactionManager transactions,
      DivisionRepository divisions) {
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
                + " MAX(CHAR_LENGTH(enterprise_name)) AS e, MAX(CHAR_LENGTH(credit_code)) AS c"
                + " FROM parcel");
    List<ExportField> fields = new ArrayList<>();
    fields.add(ExportField.integer(options.pick("id", "BSM"), options.pick("ID", "BSM")));
    if (survey) {
      fields.add(ExportField.text("YSDM", "YSDM", YSDM_PARCEL.length()));
    }
    fields.add(
        ExportField.text(
            options.pick("scheme", "FLBZ"), options.pick("SCHEME", "FLBZ"), chars(longest, "s")));
    fields.add(
        ExportField.text(
            options.pick("landUseCode", "DLBM"),
            options.pick("LANDUSE", "DLBM"),
            chars(longest, "l")));
    if (survey) {
      fields.add(ExportField.text("DLMC", "DLMC", LandUseCatalog.standard().longestName()));
    }
    fields.add(
        ExportField.text(
            options.pick("enterpriseName", "QYMC"),
            options.pick("ENTERPRISE", "QYMC"),
            chars(longest, "e")));
    fields.add(
        ExportField.text(
            options.pick("creditCode", "TYSHXYDM"),
            options.pick("CREDITCODE", "TYSHXYDM"),
            chars(longest, "c")));
    fields.add(
        ExportField.real(options.pick("taxWan", "SSZE"), options.pick("TAX_WAN", "SSZE"), 4));
    fields.add(
        ExportField.real(options.pick("valueAddedWan", "ZJZ"), options.pick("VA_WAN", "ZJZ"), 4));
    fields.add(
        ExportField.integer(options.pick("employees", "CYRS"), options.pick("EMPLOYEES", "CYRS")));
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
                          sink.accept(feature(rs, survey, locator, unit, fields.size()));
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
    MultiPolygon geometry = Wkb.readMultiPolygon(rs.getBytes(10));
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
    values[i++] = rs.getObject(6, Double.class);
    values[i++] = rs.getObject(7, Double.class);
    Integer employees = rs.getObject(8, Integer.class);
    values[i++] = employees == null ? null : employees.longValue();
    if (survey) {
      Division d = locator.locate(geometry);
      values[i++] = d == null ? null : d.code();
      values[i++] = d == null ? null : d.name();
    }
    values[i] = unit.fromSquareMetres(rs.getDouble(9));
    return new ExportFeature(Long.toString(id), values, geometry);
  }

  private static int chars(Map<String, Object> longest, String key) {
    Object v = longest.get(key);
    return v == null ? 1 : ((Number) v).intValue();
  }
}
