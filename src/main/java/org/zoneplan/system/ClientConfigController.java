package org.zoneplan.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web page needs to know about this installation: the basemaps it may offer, and the parts
 * features contribute ({@link ClientConfigPart}, e.g. {@code sampleData}).
 */
@RestController
@EnableConfigurationProperties(BasemapProperties.class)
class ClientConfigController {
  private final BasemapProperties basemaps;
  private final List<ClientConfigPart> parts;

  ClientConfigController(BasemapProperties basemaps, List<ClientConfigPart> parts) {
    this.basemaps = basemaps;
    this.parts = parts;
  }

  @GetMapping("/api/config")
  Map<String, Object> config() {
    List<Basemap> offered = new ArrayList<>();
    offered.add(new Basemap("none", "无底图(离线)", "No basemap (offline)", List.of(), "", "WGS84"));
    if (present(basemaps.tiandituKey())) {
      String key = basemaps.tiandituKey().strip();
      offered.add(
          new Basemap(
              "tianditu",
              "天地图矢量",
              "Tianditu vector",
              List.of(
                  "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                      + "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}"
                      + "&TILEROW={y}&TILECOL={x}&tk="
                      + key,
                  "https://t{s}.tianditu.gov.cn/cva_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                      + "&LAYER=cva&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}"
                      + "&TILEROW={y}&TILECOL={x}&tk="
                      + key),
              "© 天地图",
              "WGS84"));
    }
    if (present(basemaps.osmUrl())) {
      offered.add(
          new Basemap(
              "osm",
              "OpenStreetMap",
              "OpenStreetMap",
              List.of(basemaps.osmUrl().strip()),
              "© OpenStreetMap contributors",
              "WGS84"));
    }
    if (present(basemaps.gcj02Url())) {
      offered.add(
          new Basemap(
              "gcj02",
              "GCJ-02 底图(仅显示偏移)",
              "GCJ-02 basemap (display shift only)",
              List.of(basemaps.gcj02Url().strip()),
              "",
              "GCJ02"));
    }
    // The other keys come from ClientConfigPart beans of other packages: a map, not a record.
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("basemaps", offered);
    body.put("defaultBasemap", "none");
    parts.forEach(p -> body.put(p.key(), p.value()));
    return body;
  }

  /**
   * A basemap the page may offer.
   *
   * @param urls tile URL templates, drawn in order (a base and its labels)
   * @param datum {@code WGS84} or {@code GCJ02} (the page shifts drawn data to the latter for
   *     display)
   */
  record Basemap(
      String id,
      String nameZh,
      String nameEn,
      List<String> urls,
      String attribution,
      String datum) {}

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
