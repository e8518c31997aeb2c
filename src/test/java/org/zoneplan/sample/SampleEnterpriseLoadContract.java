package org.zoneplan.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.testsupport.Http;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;
import tools.jackson.databind.JsonNode;

/**
 * A fresh store loads the sample enterprises on first start (3,000 parcels to keep it short):
 * enterprises, links, statistics of every year 2021–2024, supply records, the parcels' old
 * enterprise fields equal to the owners' 2024 figures (checked in SQL), the zones' leading industry
 * codes, and the illustrative notice in {@code /api/config}. Runs unchanged on H2GIS and on
 * PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SampleEnterpriseLoadContract {
  static final String PARCELS = "3000";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ZoneRepository zones;

  long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  @Test
  void enterprisesLinksStatisticsAndSupplyAreStored() {
    assertThat(count("SELECT COUNT(*) FROM parcel")).isEqualTo(3000);
    assertThat(count("SELECT COUNT(*) FROM enterprise")).isGreaterThan(100);
    assertThat(count("SELECT COUNT(*) FROM enterprise_land WHERE role = 'TENANT'")).isPositive();
    for (int year = 2021; year <= 2024; year++) {
      assertThat(count("SELECT COUNT(*) FROM enterprise_stat WHERE stat_year = ?", year))
          .as("statistics of %d", year)
          .isGreaterThan(100);
    }
    assertThat(
            count("SELECT COUNT(*) FROM enterprise_stat WHERE stat_year NOT BETWEEN 2021 AND 2024"))
        .isZero();
    assertThat(count("SELECT COUNT(*) FROM parcel_supply WHERE supplied")).isGreaterThan(100);
    assertThat(count("SELECT COUNT(*) FROM parcel_supply WHERE NOT supplied")).isPositive();
    // Shares of a parcel add up to at most 1.
    assertThat(
            count(
                "SELECT COUNT(*) FROM (SELECT parcel_id FROM enterprise_land GROUP BY parcel_id"
                    + " HAVING SUM(share) > 1.000000001) t"))
        .isZero();
  }

  @Test
  void parcelFieldsAreTheOwnersFiguresOf2024() {
    // Every parcel naming a firm is owned by it.
    assertThat(
            count(
                "SELECT COUNT(*) FROM parcel p WHERE p.credit_code IS NOT NULL AND NOT EXISTS"
                    + " (SELECT 1 FROM enterprise_land l WHERE l.parcel_id = p.id"
                    + " AND l.credit_code = p.credit_code AND l.role = 'OWNER')"))
        .isZero();
    // Summed over a firm's parcels, the fields are its 2024 statistics.
    List<Map<String, Object>> rows =
        jdbc.sql(
                "SELECT p.credit_code, SUM(p.tax_wan) AS tax, SUM(p.value_added_wan) AS va,"
                    + " SUM(p.employees) AS employees, MAX(s.tax_wan) AS stat_tax,"
                    + " MAX(s.value_added_wan) AS stat_va, MAX(s.employees) AS stat_employees,"
                    + " MAX(e.name) AS name, MAX(p.enterprise_name) AS parcel_name"
                    + " FROM parcel p JOIN enterprise_stat s ON s.credit_code = p.credit_code"
                    + " AND s.stat_year = 2024 JOIN enterprise e ON e.credit_code = p.credit_code"
                    + " GROUP BY p.credit_code")
            .query()
            .listOfRows();
    rows = rows.stream().map(SampleEnterpriseLoadContract::upperKeys).toList();
    assertThat(rows).hasSizeGreaterThan(100);
    for (Map<String, Object> row : rows) {
      assertThat(((Number) row.get("TAX")).doubleValue())
          .isCloseTo(
              ((Number) row.get("STAT_TAX")).doubleValue(),
              org.assertj.core.api.Assertions.within(1e-6));
      assertThat(((Number) row.get("VA")).doubleValue())
          .isCloseTo(
              ((Number) row.get("STAT_VA")).doubleValue(),
              org.assertj.core.api.Assertions.within(1e-6));
      assertThat(((Number) row.get("EMPLOYEES")).longValue())
          .isEqualTo(((Number) row.get("STAT_EMPLOYEES")).longValue());
      assertThat(row.get("PARCEL_NAME")).isEqualTo(row.get("NAME"));
    }
  }

  /** Column labels come back upper case from H2, lower case from PostgreSQL. */
  static Map<String, Object> upperKeys(Map<String, Object> row) {
    Map<String, Object> out = new java.util.HashMap<>();
    row.forEach((k, v) -> out.put(k.toUpperCase(java.util.Locale.ROOT), v));
    return out;
  }

  @Test
  void zonesCarryTheirLeadingIndustryCodes() {
    Zone huangzhai = zones.findZone("pujiang-2021", "PJ-HZ").orElseThrow();
    assertThat(huangzhai.attributes())
        .containsEntry("leadingIndustryCodes", List.of("3825", "3975", "3351"))
        .containsEntry("leadingIndustries", "光伏、LED、高端机电、新材料、五金、制锁");
    Zone zhengjiawu = zones.findZone("pujiang-2021", "PJ-ZJW").orElseThrow();
    assertThat(zhengjiawu.attributes()).containsEntry("leadingIndustries", "纺织、服装");
    for (Zone zone : zones.findZones("pujiang-2021")) {
      assertThat(zone.attributes().get("leadingIndustryCodes"))
          .as(zone.code())
          .isInstanceOf(List.class);
      assertThat(zone.attributes().get("leadingIndustries").toString()).doesNotContain("水族");
    }
  }

  @Test
  void theConfigSaysTheDataIsIllustrative() {
    JsonNode config = new Http(port).get("/api/config").json();
    assertThat(config.get("sampleData").get("illustrative").booleanValue()).isTrue();
    assertThat(config.get("sampleData").get("note").stringValue()).contains("虚构");
    assertThat(config.get("sampleData").get("noteEn").stringValue()).contains("invented");
  }

  /** The flows of the quarterly table (the headcount, a level, is the year's in every quarter). */
  static final List<String> FLOWS =
      List.of(
          "tax_wan",
          "value_added_wan",
          "revenue_wan",
          "energy_tce",
          "emissions_t",
          "rnd_wan",
          "electricity_wan_kwh",
          "investment_wan");

  /**
   * The illustrative quarters: four per yearly row, Q4 the year's figure exactly, every flow
   * non-decreasing from quarter to quarter (cumulative), really seasonal (Q2 is not half the year
   * everywhere), and each row noted as illustrative. Checked in SQL written here.
   */
  @Test
  void quartersAreCumulativeEndInTheYearAndSayTheyAreIllustrative() {
    long years = count("SELECT COUNT(*) FROM enterprise_stat");
    assertThat(years).isGreaterThan(400);
    assertThat(count("SELECT COUNT(*) FROM enterprise_stat_quarter")).isEqualTo(4 * years);
    // Every yearly row has its four quarters.
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat s WHERE (SELECT COUNT(DISTINCT q.stat_quarter)"
                    + " FROM enterprise_stat_quarter q WHERE q.credit_code = s.credit_code"
                    + " AND q.stat_year = s.stat_year) <> 4"))
        .isZero();
    // Q4 = the year, every column (nulls where the year has none).
    StringBuilder differs = new StringBuilder("q.employees IS DISTINCT FROM s.employees");
    for (String c : FLOWS) {
      differs.append(" OR q.").append(c).append(" IS DISTINCT FROM s.").append(c);
    }
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat s JOIN enterprise_stat_quarter q"
                    + " ON q.credit_code = s.credit_code AND q.stat_year = s.stat_year"
                    + " AND q.stat_quarter = 4 WHERE "
                    + differs))
        .isZero();
    // Cumulative: no flow falls from one quarter to the next, none appears or vanishes.
    StringBuilder falls = new StringBuilder("b.employees IS DISTINCT FROM a.employees");
    for (String c : FLOWS) {
      falls.append(" OR b.").append(c).append(" < a.").append(c);
      falls.append(" OR (a.").append(c).append(" IS NULL) <> (b.").append(c).append(" IS NULL)");
    }
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat_quarter a JOIN enterprise_stat_quarter b"
                    + " ON b.credit_code = a.credit_code AND b.stat_year = a.stat_year"
                    + " AND b.stat_quarter = a.stat_quarter + 1 WHERE "
                    + falls))
        .isZero();
    // Seasonal: the first quarter holds between a sixth and a third of the year's tax.
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat s JOIN enterprise_stat_quarter q"
                    + " ON q.credit_code = s.credit_code AND q.stat_year = s.stat_year"
                    + " AND q.stat_quarter = 1 WHERE s.tax_wan > 1"
                    + " AND (q.tax_wan < s.tax_wan / 6 OR q.tax_wan > s.tax_wan / 3)"))
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat s JOIN enterprise_stat_quarter q"
                    + " ON q.credit_code = s.credit_code AND q.stat_year = s.stat_year"
                    + " AND q.stat_quarter = 2 WHERE s.tax_wan > 1"
                    + " AND ABS(q.tax_wan - s.tax_wan / 2) > 0.001 * s.tax_wan"))
        .isGreaterThan(years / 2);
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat_quarter WHERE note IS NULL"
                    + " OR note NOT LIKE '%示例%' OR note NOT LIKE '%illustrative%'"))
        .isZero();
  }
}
