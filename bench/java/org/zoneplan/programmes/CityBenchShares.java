package org.zoneplan.programmes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.analysis.PlanGeometry;

/**
 * The benchmark's door to the package-private {@link ShareData} and {@link FiveShares} (bench
 * sources only), called as {@link ProgrammeService#shares} calls them: the carriers' union (JTS
 * OverlayNG), the member keys and the jurisdiction's outline, then the year's figures read and
 * placed set-wise.
 */
public final class CityBenchShares {
  private final ShareData data;

  public CityBenchShares(DataSource dataSource) {
    this.data = new ShareData(JdbcClient.create(dataSource));
  }

  /** A share's numerator, denominator and ratio (null where not available). */
  public record Figure(Double inside, Double total, Double share, String reason) {}

  /** The five shares of {@code year} by key, in {@link FiveShares#KEYS} order. */
  public Map<String, Figure> shares(
      List<Geometry> carriers, Set<String> memberKeys, Geometry scope, int year) {
    ShareData.Places places =
        new ShareData.Places(PlanGeometry.unionOf(carriers), memberKeys, scope);
    Map<String, Figure> out = new LinkedHashMap<>();
    for (FiveShares.Share s : data.shares(places, year, Map.of())) {
      out.put(s.key(), new Figure(s.inside(), s.total(), s.share(), s.reason()));
    }
    return out;
  }

  /** The key of a member zone as {@link ShareData.Places} holds it. */
  public static String memberKey(String planId, String zoneCode) {
    return ShareData.Places.key(planId, zoneCode);
  }
}
