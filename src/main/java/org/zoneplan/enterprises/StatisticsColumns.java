package org.zoneplan.enterprises;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The nine figure columns that the yearly ({@code enterprise_stat}) and the quarterly ({@code
 * enterprise_stat_quarter}, indicators package) statistics tables share, read and bound in one
 * place: the column order of {@link #FIGURES} is the order of {@link #bind} and of {@link #read}.
 */
public final class StatisticsColumns {
  /** The figure columns, after {@code credit_code, stat_year} (and the quarter) in both tables. */
  public static final String FIGURES =
      "tax_wan, value_added_wan, revenue_wan, energy_tce, emissions_t, rnd_wan, employees,"
          + " electricity_wan_kwh, investment_wan";

  private StatisticsColumns() {}

  /** Binds the nine figures of {@code s} to the parameters {@code first} … {@code first + 8}. */
  public static void bind(PreparedStatement ps, int first, AnnualStatistics s) throws SQLException {
    ps.setObject(first, s.taxWan(), Types.DOUBLE);
    ps.setObject(first + 1, s.valueAddedWan(), Types.DOUBLE);
    ps.setObject(first + 2, s.revenueWan(), Types.DOUBLE);
    ps.setObject(first + 3, s.energyTce(), Types.DOUBLE);
    ps.setObject(first + 4, s.emissionsTonnes(), Types.DOUBLE);
    ps.setObject(first + 5, s.rndWan(), Types.DOUBLE);
    ps.setObject(first + 6, s.employees(), Types.INTEGER);
    ps.setObject(first + 7, s.electricityWanKwh(), Types.DOUBLE);
    ps.setObject(first + 8, s.investmentWan(), Types.DOUBLE);
  }

  /** A row's credit code, year and nine figures (null where the store holds none). */
  public static AnnualStatistics read(ResultSet rs) throws SQLException {
    return new AnnualStatistics(
        rs.getString("credit_code"),
        rs.getInt("stat_year"),
        rs.getObject("tax_wan", Double.class),
        rs.getObject("value_added_wan", Double.class),
        rs.getObject("revenue_wan", Double.class),
        rs.getObject("energy_tce", Double.class),
        rs.getObject("emissions_t", Double.class),
        rs.getObject("rnd_wan", Double.class),
        rs.getObject("employees", Integer.class),
        rs.getObject("electricity_wan_kwh", Double.class),
        rs.getObject("investment_wan", Double.class));
  }
}
