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
 * enterprises, links, statistics of every year 2021–2024, supply records, the industrial parcels'
 * owners (shown by the parcels API) and the panel's figures of 2024, the zones' leading industry
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
  void industrialParcelsHaveOwnersThatTheParcelsShowAndTheFiguresAreOfTheLatestYear() {
    long industrial = count("SELECT COUNT(*) FROM parcel WHERE land_use_code IN ('0601', '0508')");
    long owned =
        count(
            "SELECT COUNT(*) FROM parcel p WHERE land_use_code IN ('0601', '0508') AND EXISTS"
                + " (SELECT 1 FROM enterprise_land l WHERE l.parcel_id = p.id AND l.role = 'OWNER')");
    assertThat(industrial).isGreaterThan(100);
    // About 2 % stand vacant; no other parcel lost its enterprise with the parcel columns.
    assertThat((double) (industrial - owned) / industrial).isLessThan(0.06);
    assertThat(owned).isLessThan(industrial);

    // A parcel with a tenant shows every user of enterprise_land, owners first.
    long id = count("SELECT MIN(parcel_id) FROM enterprise_land WHERE role = 'TENANT'");
    List<Map<String, Object>> links =
        jdbc.sql(
                "SELECT l.credit_code, e.name, l.role FROM enterprise_land l JOIN enterprise e"
                    + " ON e.credit_code = l.credit_code WHERE l.parcel_id = ?")
            .param(id)
            .query()
            .listOfRows();
    JsonNode users =
        new Http(port).get("/api/parcels/" + id).json().get("properties").get("landUsers");
    assertThat(users).hasSize(links.size());
    assertThat(users.get(0).get("role").asString()).isEqualTo("OWNER");
    List<String> shown = new java.util.ArrayList<>();
    users.forEach(u -> shown.add(u.get("creditCode").asString() + " " + u.get("name").asString()));
    assertThat(shown)
        .containsExactlyInAnyOrderElementsOf(
            links.stream()
                .map(SampleEnterpriseLoadContract::upperKeys)
                .map(r -> r.get("CREDIT_CODE") + " " + r.get("NAME"))
                .toList());

    // The 区块信息 panel's figures: the statistics of the latest year held, 2024.
    JsonNode indicators = new Http(port).get("/api/plans/pujiang-2021/indicators").json();
    assertThat(indicators.get("year").intValue()).isEqualTo(2024);
    assertThat(indicators.get("enterprisesWithStatistics").intValue()).isGreaterThan(100);
    double tax = 0;
    for (JsonNode z : indicators.get("zones")) {
      tax += z.get("figures").get("taxWan").doubleValue();
    }
    assertThat(tax).isPositive();
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
    // The joins below say "stat_year + 0" and "stat_quarter + 0": no index condition, so that H2
    // finds each quarter by the credit code (a few rows) instead of through the (year, quarter)
    // index, which H2 prefers and which scans five million rows a query (a minute on a busy
    // machine). The same rows are compared either way.
    // Q4 = the year, every column (nulls where the year has none).
    StringBuilder differs = new StringBuilder("q.employees IS DISTINCT FROM s.employees");
    for (String c : FLOWS) {
      differs.append(" OR q.").append(c).append(" IS DISTINCT FROM s.").append(c);
    }
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat s JOIN enterprise_stat_quarter q"
                    + " ON q.credit_code = s.credit_code AND q.stat_year + 0 = s.stat_year"
                    + " AND q.stat_quarter + 0 = 4 WHERE "
                    + differs))
        .isZero();
    // Cumulative: no flow falls from one quarter to the next, none appears or vanishes.
    StringBuilder falls = new StringBuilder("b.employees IS DISTINCT FROM a.employees");
    for (String c : FLOWS) {
      falls.append(" OR b.").append(c).append(" < a.").append(c);
      falls.append(" OR (a.").append(c).append(" IS NULL) <> (b.").append(c).append(" IS NULL)");
    }
    for (int quarter = 1; quarter <= 3; quarter++) {
      assertThat(
              count(
                  "SELECT COUNT(*) FROM enterprise_stat_quarter a JOIN enterprise_stat_quarter b"
                      + " ON b.credit_code = a.credit_code AND b.stat_year + 0 = a.stat_year"
                      + " AND a.stat_quarter + 0 = "
                      + quarter
                      + " AND b.stat_quarter + 0 = "
                      + (quarter + 1)
                      + " WHERE "
                      + falls))
          .as("from quarter %d to %d", quarter, quarter + 1)
          .isZero();
    }
    // Seasonal: the first quarter holds between a sixth and a third of the year's tax.
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat s JOIN enterprise_stat_quarter q"
                    + " ON q.credit_code = s.credit_code AND q.stat_year + 0 = s.stat_year"
                    + " AND q.stat_quarter + 0 = 1 WHERE s.tax_wan > 1"
                    + " AND (q.tax_wan < s.tax_wan / 6 OR q.tax_wan > s.tax_wan / 3)"))
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat s JOIN enterprise_stat_quarter q"
                    + " ON q.credit_code = s.credit_code AND q.stat_year + 0 = s.stat_year"
                    + " AND q.stat_quarter + 0 = 2 WHERE s.tax_wan > 1"
                    + " AND ABS(q.tax_wan - s.tax_wan / 2) > 0.001 * s.tax_wan"))
        .isGreaterThan(years / 2);
    assertThat(
            count(
                "SELECT COUNT(*) FROM enterprise_stat_quarter WHERE note IS NULL"
                    + " OR note NOT LIKE '%示例%' OR note NOT LIKE '%illustrative%'"))
        .isZero();
  }
}
