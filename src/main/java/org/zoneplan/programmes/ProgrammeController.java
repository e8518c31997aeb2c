package org.zoneplan.programmes;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.codecs.XlsxTableWriter;
import org.zoneplan.enterprises.IndustryCatalog;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.system.XlsxDownload;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Programmes and carriers ({@code /api/programmes}): list, one, create, replace, delete; members as
 * a GeoJSON layer ({@code /members}: the zone's boundary with programme, category and status) and
 * one by one; figures by category and status ({@code /figures}); the "5个80%" shares of a year
 * ({@code /shares?year=}). Format in {@code docs/programmes.md}.
 */
@RestController
@RequestMapping("/api/programmes")
class ProgrammeController {
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

  private final ProgrammeService service;
  private final JsonMapper json;

  ProgrammeController(ProgrammeService service, JsonMapper json) {
    this.service = service;
    this.json = json;
  }

  @GetMapping
  List<Programme> list() {
    return service.list();
  }

  @PostMapping
  ResponseEntity<Programme> create(@RequestBody JsonNode body) {
    Programme p = service.create(ProgrammeJson.programme(body, null));
    return ResponseEntity.created(URI.create("/api/programmes/" + p.id())).body(p);
  }

  @GetMapping("/{id}")
  Programme programme(@PathVariable String id) {
    return service.programme(id);
  }

  @PutMapping("/{id}")
  Programme replace(@PathVariable String id, @RequestBody JsonNode body) {
    service.programme(id);
    return service.replace(id, ProgrammeJson.programme(body, id));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    service.delete(id);
    return ResponseEntity.noContent().build();
  }

  /**
   * The members' layer: one Feature per member, its zone's boundary (null when the zone is gone).
   */
  @GetMapping("/{id}/members")
  ResponseEntity<ObjectNode> members(@PathVariable String id) {
    Programme p = service.programme(id);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("type", "FeatureCollection");
    body.put("programmeId", p.id());
    body.put("programme", p.name());
    body.put("illustrative", p.illustrative());
    ArrayNode features = body.putArray("features");
    for (ProgrammeService.Carrier c : service.carriers(id)) {
      features.add(feature(p, c));
    }
    return ResponseEntity.ok().contentType(GEO_JSON).body(body);
  }

  private ObjectNode feature(Programme p, ProgrammeService.Carrier c) {
    Member m = c.member();
    ObjectNode f = JsonNodeFactory.instance.objectNode();
    f.put("type", "Feature");
    f.put("id", m.planId() + "/" + m.zoneCode());
    ObjectNode props = f.putObject("properties");
    props.put("programmeId", p.id());
    props.put("programme", p.name());
    props.put("planId", m.planId());
    props.put("zoneCode", m.zoneCode());
    props.put("zoneName", c.zone() == null ? null : c.zone().name());
    props.put("category", m.category());
    props.put("status", m.status());
    props.put("statusPhrase", m.statusPhrase());
    ArrayNode industries = props.putArray("industries");
    for (String code : m.industries()) {
      ObjectNode i = industries.addObject();
      i.put("code", code);
      i.put("name", industryName(code));
    }
    props.put("note", m.note());
    if (c.zone() != null) {
      props.put("areaM2", c.zone().area().squareMetres());
      props.put("areaMu", AreaUnits.toMu(c.zone().area().squareMetres()));
      Object ill = c.zone().attributes().get("illustrative");
      props.put("illustrative", Boolean.TRUE.equals(ill));
      f.set("geometry", GeoJson.write(c.zone().geometry()));
    } else {
      props.put("zoneMissing", true);
      f.putNull("geometry");
    }
    return f;
  }

  /** The class name of a 小类, or of the 大类 for a 2-digit code; null for a 中类 (not in the table). */
  private static String industryName(String code) {
    var catalog = IndustryCatalog.gbt4754();
    if (code.length() == 4) {
      return catalog.find(code).map(IndustryCatalog.IndustryClass::name).orElse(null);
    }
    return catalog.classes().stream()
        .filter(c -> c.code().startsWith(code))
        .findFirst()
        .map(c -> code.length() == 2 ? c.divisionName() : null)
        .orElse(null);
  }

  @PostMapping("/{id}/members")
  ResponseEntity<Member> addMember(@PathVariable String id, @RequestBody JsonNode body) {
    service.programme(id);
    Member m = service.addMember(ProgrammeJson.member(body, id, null, null));
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(
            URI.create("/api/programmes/" + id + "/members/" + m.planId() + "/" + m.zoneCode()))
        .body(m);
  }

  @GetMapping("/{id}/members/{planId}/{zoneCode}")
  Member member(
      @PathVariable String id, @PathVariable String planId, @PathVariable String zoneCode) {
    service.programme(id);
    return service.member(id, planId, zoneCode);
  }

  @PutMapping("/{id}/members/{planId}/{zoneCode}")
  Member replaceMember(
      @PathVariable String id,
      @PathVariable String planId,
      @PathVariable String zoneCode,
      @RequestBody JsonNode body) {
    service.member(id, planId, zoneCode);
    return service.replaceMember(ProgrammeJson.member(body, id, planId, zoneCode));
  }

  @DeleteMapping("/{id}/members/{planId}/{zoneCode}")
  ResponseEntity<Void> removeMember(
      @PathVariable String id, @PathVariable String planId, @PathVariable String zoneCode) {
    service.removeMember(id, planId, zoneCode);
    return ResponseEntity.noContent().build();
  }

  /**
   * Counts and union areas by category and status; as .xlsx with {@code format=xlsx} or an {@code
   * Accept} naming the .xlsx type (the page's table).
   */
  @GetMapping("/{id}/figures")
  ResponseEntity<?> figures(
      @PathVariable String id,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean xlsx = XlsxDownload.asked(format, accept, "json");
    Map<String, Object> body = service.figures(id);
    if (!xlsx) {
      return ResponseEntity.ok(body);
    }
    return XlsxDownload.of(
        "载体统计-" + XlsxDownload.namePart(id) + ".xlsx",
        w -> {
          w.sheet("载体统计", List.of("分组", "名称", "目标个数", "个数", "面积(m²)", "面积(亩)"));
          figureRow(w, "合计", (Map<?, ?>) body.get("total"));
          for (Object g : (List<?>) body.get("byCategory")) {
            figureRow(w, "类别", (Map<?, ?>) g);
          }
          for (Object g : (List<?>) body.get("byStatus")) {
            figureRow(w, "状态", (Map<?, ?>) g);
          }
          w.sheet("说明", List.of("项目", "数值"));
          w.row(List.of("计划", body.get("programmeId") + " " + body.get("name")));
          w.row(List.of("面积", "成员区块边界并集的椭球面积(CGCS2000),重叠只计一次"));
        });
  }

  private static void figureRow(XlsxTableWriter w, String group, Map<?, ?> g) {
    w.row(
        Arrays.asList(
            group,
            g.get("name"),
            g.get("targetCount"),
            g.get("count"),
            g.get("areaM2"),
            g.get("areaMu")));
  }

  /**
   * {@code year} required: see {@link FiveShares} for what each share is; as .xlsx with {@code
   * format=xlsx} or an {@code Accept} naming the .xlsx type (the page's 5个80% table).
   */
  @GetMapping("/{id}/shares")
  ResponseEntity<?> shares(
      @PathVariable String id,
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean xlsx = XlsxDownload.asked(format, accept, "json");
    Map<String, Object> body = service.shares(id, year);
    if (!xlsx) {
      return ResponseEntity.ok(body);
    }
    return XlsxDownload.of(
        "五个80%-" + XlsxDownload.namePart(id) + "-" + year + ".xlsx",
        w -> {
          w.sheet(
              "五个80% " + year,
              List.of("指标", "指标键", "载体内", "全域", "单位", "占比", "目标", "达标", "无值原因", "定义"));
          for (Object o : (List<?>) body.get("shares")) {
            Map<?, ?> m = (Map<?, ?>) o;
            Object met = m.get("met");
            w.row(
                Arrays.asList(
                    m.get("name"),
                    m.get("key"),
                    m.get("inside"),
                    m.get("total"),
                    m.get("unit"),
                    m.get("share"),
                    m.get("target"),
                    met == null ? null : Boolean.TRUE.equals(met) ? "是" : "否",
                    m.get("reason"),
                    m.get("definition")));
          }
          w.sheet("说明", List.of("项目", "数值"));
          w.row(List.of("年度", String.valueOf(year)));
          w.row(List.of("范围", String.valueOf(body.get("jurisdiction"))));
        });
  }
}
