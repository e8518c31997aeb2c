package org.zoneplan.evaluation;

import java.util.function.BiConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.zoneplan.enterprises.LandRole;
import org.zoneplan.evaluation.EvaluationResults.Use;
import org.zoneplan.parcels.ParcelSupplyRepository;

/** The land links of one year with their parcels' areas; the same SQL on H2GIS and PostGIS. */
@Repository
class EvaluationFactsRepository {
  private final JdbcTemplate template;

  EvaluationFactsRepository(JdbcTemplate template) {
    this.template = template;
  }

  /**
   * Every link to a parcel of the year's land ({@link ParcelSupplyRepository#inYear}), with the
   * parcel's stored ellipsoidal area (m²), by credit code and parcel id.
   */
  void forEachUse(int year, BiConsumer<String, Use> consumer) {
    template.query(
        "SELECT l.credit_code, l.parcel_id, l.role, l.share, p.area_m2"
            + " FROM enterprise_land l JOIN parcel p ON p.id = l.parcel_id WHERE "
            + ParcelSupplyRepository.inYear("p")
            + " ORDER BY l.credit_code, l.parcel_id",
        rs -> {
          consumer.accept(
              rs.getString(1),
              new Use(
                  rs.getLong(2),
                  LandRole.valueOf(rs.getString(3)),
                  rs.getDouble(4),
                  rs.getDouble(5)));
        },
        ParcelSupplyRepository.endOf(year));
  }
}
