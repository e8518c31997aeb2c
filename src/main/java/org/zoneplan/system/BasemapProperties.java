package org.zoneplan.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Basemaps offered by the web page besides "none" (offline: county outlines from zoneplan). Each is
 * offered only when configured; none is loaded unless a person picks it.
 *
 * @param tiandituKey key for Tianditu (天地图) Web Mercator tiles ({@code vec_w} + {@code cva_w});
 *     empty: not offered
 * @param osmUrl XYZ template of an OpenStreetMap tile server; empty: not offered
 * @param gcj02Url XYZ template of a basemap in GCJ-02 (e.g. AMap/Gaode); zoneplan shifts only the
 *     display to match it, never stored geometry; empty: not offered
 */
@ConfigurationProperties("zoneplan.basemaps")
public record BasemapProperties(String tiandituKey, String osmUrl, String gcj02Url) {}
