package org.zoneplan.proposals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoneplan.testsupport.Shapes.square;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The proposal API on PostGIS, and a proposal's what-if effect against PostGIS SQL written here on
 * the stored zones and parcels, at submission and again at the decision after the plan changed.
 */
class PostgisProposalApiTest extends ProposalApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("proposals");

  /** The county the sample's zones lie in: the what-if's division when none is named. */
  private static final String COUNTY = "330726";

  /**
   * Industrial land as the default classifier counts it (storage left out, the default): 工业用地 0601
   * in GB/T 21010 and 三调, 1001 in 国土空间调查、规划、用途管制用地用海分类.
   */
  private static final String INDUSTRIAL =
      "((p.scheme IN ('GBT21010_2017', 'SANDIAO') AND p.land_use_code LIKE '0601%')"
          + " OR (p.scheme = 'YDYH_2023' AND p.land_use_code LIKE '1001%'))";

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  /**
   * The figures PostGIS gives for replacing {@code code}'s geometry by {@code draft} on the plan as
   * stored now.
   *
   * @param overlapsM2 zones other than the zone, its ancestors (by {@code parent}) and descendants
   *     whose overlap with the draft is more than 0.01 m² larger than with the stored geometry,
   *     with the draft's overlap
   * @param gained parcel ids whose point on surface is covered by the draft and not by the zone
   */
  record Reference(
      double areaBeforeM2,
      double areaAfterM2,
      Map<String, Double> overlapsM2,
      double industrialTotalM2,
      double insideBeforeM2,
      double insideAfterM2,
      Set<Long> gained,
      Set<Long> lost) {}

  Reference reference(String plan, String code, String parent, String draft) {
    String d = "ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(:draft), 4490))";
    Map<String, Object> zone =
        jdbc.sql(
                "SELECT ST_Area(geom::geography) AS before, ST_Area("
                    + d
                    + "::geography) AS after FROM zone WHERE plan_id = :plan AND code = :code")
            .param("plan", plan)
            .param("code", code)
            .param("draft", draft)
            .query()
            .singleRow();
    Map<String, Double> overlaps = new HashMap<>();
    jdbc.sql(
            "WITH RECURSIVE up(code) AS (SELECT CAST(:parent AS varchar) UNION"
                + "   SELECT z.parent_code FROM zone z JOIN up ON z.code = up.code"
                + "   WHERE z.plan_id = :plan AND z.parent_code IS NOT NULL),"
                + " down(code) AS (SELECT CAST(:code AS varchar) UNION"
                + "   SELECT z.code FROM zone z JOIN down ON z.parent_code = down.code"
                + "   WHERE z.plan_id = :plan),"
                + " o AS (SELECT o.code,"
                + "   ST_Area(ST_Intersection("
                + d
                + ", o.geom)::geography) AS m2,"
                + "   ST_Area(ST_Intersection(b.geom, o.geom)::geography) AS existing"
                + "   FROM zone o, zone b WHERE o.plan_id = :plan AND b.plan_id = :plan"
                + "   AND b.code = :code AND ST_Intersects("
                + d
                + ", o.geom)"
                + "   AND o.code NOT IN (SELECT code FROM up UNION SELECT code FROM down))"
                + " SELECT code, m2 FROM o WHERE m2 > existing + 0.01")
        .param("plan", plan)
        .param("code", code)
        .param("parent", parent)
        .param("draft", draft)
        .query()
        .listOfRows()
        .forEach(r -> overlaps.put((String) r.get("code"), ((Number) r.get("m2")).doubleValue()));
    // Industrial land of the county (parcels clipped to it) inside the union of the plan's zones,
    // with the zone as stored and with the draft in its place.
    Map<String, Object> land =
        jdbc.sql(
                "WITH dv AS (SELECT geom FROM division WHERE code = :division),"
                    + " c AS (SELECT CASE WHEN ST_CoveredBy(p.geom, dv.geom) THEN p.geom"
                    + "   ELSE ST_CollectionExtract(ST_Intersection(p.geom, dv.geom), 3) END AS g"
                    + "   FROM parcel p, dv WHERE ST_Intersects(p.geom, dv.geom) AND "
                    + INDUSTRIAL
                    + "),"
                    + " ub AS (SELECT ST_Union(geom) AS g FROM zone WHERE plan_id = :plan),"
                    + " ua AS (SELECT ST_Union(CASE WHEN code = :code THEN "
                    + d
                    + " ELSE geom END) AS g FROM zone WHERE plan_id = :plan)"
                    + " SELECT (SELECT SUM(ST_Area(g::geography)) FROM c) AS total,"
                    + " (SELECT COALESCE(SUM(ST_Area(ST_CollectionExtract(ST_Intersection(c.g, ub.g),"
                    + "   3)::geography)), 0) FROM c, ub WHERE ST_Intersects(c.g, ub.g)) AS inside_before,"
                    + " (SELECT COALESCE(SUM(ST_Area(ST_CollectionExtract(ST_Intersection(c.g, ua.g),"
                    + "   3)::geography)), 0) FROM c, ua WHERE ST_Intersects(c.g, ua.g)) AS inside_after")
            .param("division", COUNTY)
            .param("plan", plan)
            .param("code", code)
            .param("draft", draft)
            .query()
            .singleRow();
    // Parcels by the interior-point rule (boundary included); GEOS's ST_PointOnSurface is the same
    // algorithm as JTS's InteriorPointArea.
    String move =
        "SELECT p.id FROM parcel p, zone z WHERE z.plan_id = :plan AND z.code = :code"
            + " AND %s ST_Covers("
            + d
            + ", ST_PointOnSurface(p.geom))"
            + " AND %s ST_Covers(z.geom, ST_PointOnSurface(p.geom))";
    Set<Long> gained = ids(String.format(move, "", "NOT"), plan, code, draft);
    Set<Long> lost = ids(String.format(move, "NOT", ""), plan, code, draft);
    return new Reference(
        number(zone.get("before")),
        number(zone.get("after")),
        overlaps,
        number(land.get("total")),
        number(land.get("inside_before")),
        number(land.get("inside_after")),
        gained,
        lost);
  }

  private Set<Long> ids(String sql, String plan, String code, String draft) {
    Set<Long> ids = new TreeSet<>();
    jdbc.sql(sql)
        .param("plan", plan)
        .param("code", code)
        .param("draft", draft)
        .query(Long.class)
        .list()
        .forEach(ids::add);
    return ids;
  }

  private static double number(Object value) {
    return ((Number) value).doubleValue();
  }

  /**
   * Zone areas and overlaps within 1e-9 relative: zoneplan measures rings of at most 0.05° on a
   * local equal-area plane, which agrees with {@code ST_Area(geography)} to about 1e-11 on
   * kilometre-sized zones. Industrial land sums thousands of parcel pieces of some metres, where
   * that plane differs by up to about 1e-6 relative: those sums within 1e-6 relative (as the
   * analysis tests).
   */
  private static Offset<Double> zoneNear(double expected) {
    return Offset.offset(Math.max(1e-6, Math.abs(expected) * 1e-9));
  }

  private static Offset<Double> landNear(double expected) {
    return Offset.offset(Math.max(1e-3, Math.abs(expected) * 1e-6));
  }

  /** The effect of one UPDATE change as frozen in a proposal, against the reference. */
  private static void assertEffect(JsonNode effect, Reference r) {
    JsonNode item = effect.get("changes").get(0);
    assertThat(item.get("areaBeforeM2").doubleValue())
        .isCloseTo(r.areaBeforeM2(), zoneNear(r.areaBeforeM2()));
    assertThat(item.get("areaAfterM2").doubleValue())
        .isCloseTo(r.areaAfterM2(), zoneNear(r.areaAfterM2()));
    double delta = r.areaAfterM2() - r.areaBeforeM2();
    assertThat(item.get("deltaM2").doubleValue()).isCloseTo(delta, zoneNear(r.areaAfterM2()));
    assertThat(effect.get("totalDeltaM2").doubleValue())
        .isCloseTo(delta, zoneNear(r.areaAfterM2()));
    Map<String, Double> overlaps = new HashMap<>();
    for (JsonNode o : item.get("overlapsCreated")) {
      overlaps.put(o.get("zone").asString(), o.get("areaM2").doubleValue());
    }
    assertThat(overlaps.keySet()).isEqualTo(r.overlapsM2().keySet());
    r.overlapsM2()
        .forEach((zone, m2) -> assertThat(overlaps.get(zone)).as(zone).isCloseTo(m2, zoneNear(m2)));

    JsonNode c = item.get("concentration");
    double total = r.industrialTotalM2();
    assertThat(c.get("industrialTotalM2").doubleValue()).isCloseTo(total, landNear(total));
    assertThat(c.get("before").get("industrialInsideM2").doubleValue())
        .isCloseTo(r.insideBeforeM2(), landNear(r.insideBeforeM2()));
    assertThat(c.get("after").get("industrialInsideM2").doubleValue())
        .isCloseTo(r.insideAfterM2(), landNear(r.insideAfterM2()));
    double ratioBefore = r.insideBeforeM2() / total;
    double ratioAfter = r.insideAfterM2() / total;
    assertThat(c.get("before").get("ratio").doubleValue())
        .isCloseTo(ratioBefore, Offset.offset(2e-6));
    assertThat(c.get("after").get("ratio").doubleValue())
        .isCloseTo(ratioAfter, Offset.offset(2e-6));
    assertThat(c.get("ratioDelta").doubleValue())
        .isCloseTo(ratioAfter - ratioBefore, Offset.offset(4e-6));
    // The target (0.70 by default) met or not, by the reference's ratios.
    assertThat(c.get("after").get("meetsTarget").booleanValue()).isEqualTo(ratioAfter >= 0.70);

    assertThat(ids(item.get("parcelsGained"))).isEqualTo(r.gained());
    assertThat(ids(item.get("parcelsLost"))).isEqualTo(r.lost());
    assertThat(item.get("parcelsGained").get("count").intValue()).isEqualTo(r.gained().size());
  }

  private static Set<Long> ids(JsonNode parcelSet) {
    Set<Long> ids = new TreeSet<>();
    parcelSet.get("ids").forEach(id -> ids.add(id.longValue()));
    return ids;
  }

  // Two PostGIS references over the 20,000 sample parcels: 30–50 s on the 2-core machine.
  @Tag("slow")
  @Test
  void effectAgreesWithPostgisAtSubmissionAndAtDecision() {
    String plan = "pujiang-2021";
    String code = "PJ-1-X1";
    JsonNode zone = http.get("/api/plans/" + plan + "/zones/" + code).json();
    String name = zone.get("properties").get("name").asString();
    // PJ-1-X1 (an expansion area of PJ-1) moved east and grown, over part of its sibling
    // PJ-1-CORE and out of PJ-1 to the north.
    String draft = square(119.855, 29.455, 0.04);
    long id =
        http.post(
                "/api/proposals",
                proposal(
                    plan,
                    "扩展区调整",
                    "APPLY",
                    null,
                    change("UPDATE", code, name, "EXPANSION", "PJ-1", draft)))
            .json()
            .get("id")
            .longValue();

    Reference atSubmission = reference(plan, code, "PJ-1", draft);
    JsonNode submitted = http.post("/api/proposals/" + id + "/submit", "").json();
    // The reference is not empty: the figures it checks are there to be wrong.
    assertThat(atSubmission.overlapsM2()).containsKey("PJ-1-CORE");
    assertThat(atSubmission.insideAfterM2()).isNotEqualTo(atSubmission.insideBeforeM2());
    assertThat(atSubmission.gained()).isNotEmpty();
    assertEffect(submitted.get("effectAtSubmission"), atSubmission);

    // The plan changes before the decision: PJ-1-CORE shrinks to its eastern part, so the draft
    // overlaps less of it and the union of the zones is another.
    String core = "/api/plans/" + plan + "/zones/PJ-1-CORE";
    ObjectNode feature = (ObjectNode) http.get(core).json();
    feature.set("geometry", JsonMapper.builder().build().readTree(square(119.890, 29.440, 0.033)));
    assertThat(http.put(core, feature.toString(), http.etag(core)).status()).isEqualTo(200);

    Reference atDecision = reference(plan, code, "PJ-1", draft);
    assertThat(atDecision.overlapsM2().get("PJ-1-CORE"))
        .isLessThan(atSubmission.overlapsM2().get("PJ-1-CORE") - 1);
    JsonNode approved = http.post("/api/proposals/" + id + "/approve", "").json();
    assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
    assertEffect(approved.get("effectAtDecision"), atDecision);
    // The submission's effect stays as it was frozen.
    assertEffect(approved.get("effectAtSubmission"), atSubmission);
    // And the approved zone is the draft, as PostGIS measures it.
    double stored =
        jdbc.sql("SELECT ST_Area(geom::geography) FROM zone WHERE plan_id = :plan AND code = :code")
            .param("plan", plan)
            .param("code", code)
            .query(Double.class)
            .single();
    assertThat(stored).isCloseTo(atDecision.areaAfterM2(), zoneNear(stored));
  }
}
