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
    List<Map<String, Object>> offered = new ArrayList<>();
    offered.add(basemap("none", "无底图(离线)", "No basemap (offline)", List.of(), "", "WGS84"));
    if (present(basemaps.tiandituKey())) {
      String key = basemaps.tiandituKey().strip();
      offered.add(
          basemap(
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
          basemap(
              "osm",
              "OpenStreetMap",
              "OpenStreetMap",
              List.of(basemaps.osmUrl().strip()),
              "© OpenStreetMap contributors",
              "WGS84"));
    }
    if (present(basemaps.gcj02Url())) {
      offered.add(
          basemap(
              "gcj02",
              "GCJ-02 底图(仅显示偏移)",
              "GCJ-02 basemap (display shift only)",
              List.of(basemaps.gcj02Url().strip()),
              "",
              "GCJ02"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("basemaps", offered);
    body.put("defaultBasemap", "none");
    parts.forEach(p -> body.put(p.key(), p.value()));
    return body;
  }

  private static Map<String, Object> basemap(
      String id,
      String nameZh,
      String nameEn,
      List<String> urls,
      String attribution,
      String datum) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", id);
    b.put("nameZh", nameZh);
    b.put("nameEn", nameEn);
    b.put("urls", urls);
    b.put("attribution", attribution);
    b.put("datum", datum);
    return b;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
