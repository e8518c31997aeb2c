package org.zoneplan.headquarters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.XlsxDownload;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Headquarters economy ({@code /api/headquarters}): the lists with stored and published counts, one
 * list with its entries, the entries as a list or a GeoJSON layer ({@code /firms}), the rewards of
 * a year beside the published totals ({@code /rewards?year=}), and the lists as .xlsx. Format in
 * {@code docs/xihu.md}.
 */
@RestController
@RequestMapping("/api/headquarters")
class HeadquartersController {
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

  private final HeadquartersService service;

  HeadquartersController(HeadquartersService service) {
    this.service = service;
  }

  @GetMapping("/lists")
  HqViews.Lists lists() {
    return service.lists();
  }

  @GetMapping("/lists/{id}")
  HqViews.ListEntries list(@PathVariable String id) {
    HqList l = service.list(id);
    return new HqViews.ListEntries(l, service.entries(id, null));
  }

  /** Entries of every list or one, of one star level or all; {@code format=geojson} the layer. */
  @GetMapping("/firms")
  ResponseEntity<?> firms(
      @RequestParam(required = false) String list,
      @RequestParam(required = false) String star,
      @RequestParam(required = false, defaultValue = "json") String format) {
    if (!format.equals("json") && !format.equals("geojson")) {
      throw ApiProblem.invalid("invalid-format", "format 为 json 或 geojson: " + format)
          .with("property", "format");
    }
    List<HqEntry> entries = service.entries(list, star);
    if (format.equals("json")) {
      return ResponseEntity.ok(entries);
    }
    Map<String, HqList> lists = new LinkedHashMap<>();
    service.allLists().forEach(l -> lists.put(l.id(), l));
    ObjectNode fc = JsonNodeFactory.instance.objectNode();
    fc.put("type", "FeatureCollection");
    ArrayNode features = fc.putArray("features");
    for (HqEntry e : entries) {
      if (e.location() == null) {
        continue;
      }
      ObjectNode f = features.addObject();
      f.put("type", "Feature");
      f.put("id", e.id());
      ObjectNode p = f.putObject("properties");
      p.put("name", e.name());
      p.put("list", lists.get(e.listId()).name());
      p.put("listKind", lists.get(e.listId()).kind());
      p.put("type", e.type());
      if (e.starLevel() == null) {
        p.putNull("starLevel");
      } else {
        p.put("starLevel", e.starLevel());
      }
      p.put("planId", e.planId());
      p.put("zoneCode", e.zoneCode());
      p.put("illustrative", e.illustrative());
      f.set("geometry", GeoJson.write(e.location()));
    }
    return ResponseEntity.ok().contentType(GEO_JSON).body(fc);
  }

  @GetMapping("/rewards")
  HqViews.Rewards rewards(@RequestParam(required = false) String year) {
    return service.rewards(year);
  }

  /** One sheet per list (序号, 名称, 类型, 信用代码, 星级, 平台区块, 经度, 纬度, 示意), then the rewards. */
  @GetMapping("/lists.xlsx")
  ResponseEntity<byte[]> listsXlsx() {
    List<HqList> lists = service.allLists();
    List<HqEntry> entries = service.entries(null, null);
    List<Integer> years = service.rewardYears();
    return XlsxDownload.of(
        "总部企业名单.xlsx",
        w -> {
          for (HqList l : lists) {
            w.sheet(
                l.kind() + "名单",
                List.of("序号", "名称", "类型", "统一社会信用代码", "星级", "平台区块", "经度", "纬度", "示意"));
            int n = 0;
            for (HqEntry e : entries) {
              if (!e.listId().equals(l.id())) {
                continue;
              }
              List<Object> row = new ArrayList<>();
              row.add(++n);
              row.add(e.name());
              row.add(HqEntry.FIRM.equals(e.type()) ? "企业" : "项目");
              row.add(e.creditCode());
              row.add(e.starLevel());
              row.add(e.zoneCode());
              row.add(e.location() == null ? null : e.location().getX());
              row.add(e.location() == null ? null : e.location().getY());
              row.add(e.illustrative() ? "是" : "否");
              w.row(row);
            }
          }
          w.sheet("星级培育奖励", List.of("年度", "名称", "星级", "奖励(万元)", "其中区级(万元)"));
          for (Integer y : years) {
            for (HqViews.FirmReward f : service.rewards(String.valueOf(y)).firms()) {
              w.row(
                  List.of(
                      y,
                      f.name(),
                      f.starLevel() == null ? "" : f.starLevel(),
                      f.amountWan(),
                      f.districtWan()));
            }
          }
        });
  }
}
