package org.zoneplan.indicators;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.enterprises.StatisticsColumns;

/**
 * Quarterly statistics of enterprises, cumulative to the quarter's end (table {@code
 * enterprise_stat_quarter}, V10); the same SQL on both engines. Callers check the rows (credit code
 * of a stored enterprise, year, quarter 1–4, figures ≥ 0); the table's constraints are the
 * backstop. After a write, call {@link IndicatorsCache#dataChanged()} once the transaction commits.
 */
@Repository
public class QuarterStatisticsRepository {
  static final String COLUMNS =
      "credit_code, stat_year, stat_quarter, " + StatisticsColumns.FIGURES;

  private final JdbcTemplate template;

  QuarterStatisticsRepository(JdbcTemplate template) {
    this.template = template;
  }

  /** Writes the rows, replacing those of the same enterprise, year and quarter. */
  public void upsert(List<QuarterStatistics> rows) {
    upsert(rows, null);
  }

  /**
   * Writes the rows, replacing those of the same enterprise, year and quarter, with a note on where
   * they come from (column {@code note}, V15; e.g. that they are illustrative), or null.
   */
  public void upsert(List<QuarterStatistics> rows, String note) {
    template.batchUpdate(
        "DELETE FROM enterprise_stat_quarter WHERE credit_code = ? AND stat_year = ?"
            + " AND stat_quarter = ?",
        rows,
        1000,
        (ps, q) -> {
          ps.setString(1, q.creditCode());
          ps.setInt(2, q.year());
          ps.setInt(3, q.quarter());
        });
    template.batchUpdate(
        "INSERT INTO enterprise_stat_quarter ("
            + COLUMNS
            + ", note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
        1000,
        (ps, q) -> {
          AnnualStatistics s = q.figures();
          ps.setString(1, s.creditCode());
          ps.setInt(2, s.year());
          ps.setInt(3, q.quarter());
          StatisticsColumns.bind(ps, 4, s);
          ps.setString(13, note);
        });
  }

  /** Every row, by code, year and quarter. */
  public void forEach(Consumer<QuarterStatistics> consumer) {
    template.query(
        "SELECT "
            + COLUMNS
            + " FROM enterprise_stat_quarter ORDER BY credit_code, stat_year, stat_quarter",
        rs -> {
          consumer.accept(row(rs));
        });
  }

  private static QuarterStatistics row(ResultSet rs) throws SQLException {
    return new QuarterStatistics(rs.getInt("stat_quarter"), StatisticsColumns.read(rs));
  }
}
