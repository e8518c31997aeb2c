package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.openqa.selenium.By;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;

/**
 * A planner draws a zone on a GCJ-02 basemap (issue 12, point 5): what is sent and stored is the
 * CGCS2000 geometry under the clicks, shifted back. Checked independently of the page's {@code
 * gcj02.js}: the clicks' pixels are read from the DOM, turned into the GCJ-02 coordinates the
 * basemap shows there by Leaflet's plain Web Mercator, and compared with the stored vertices
 * shifted by the public GCJ-02 formula written again here in Java.
 */
class WebGcj02BrowserTest extends PageTestBase {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-gcj02").toString();
    registry.add("zoneplan.data-dir", () -> dir);
    // a basemap that serves nothing (the discard port): only its datum matters here
    registry.add("zoneplan.basemaps.gcj02-url", () -> "http://127.0.0.1:9/{z}/{x}/{y}.png");
  }

  // ---- the public GCJ-02 formula (Krasovsky ellipsoid constants), independent of gcj02.js
  private static final double A = 6378245.0;
  private static final double EE = 0.00669342162296594323;

  private static double dLat(double x, double y) {
    double r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
    r += (20 * Math.sin(y * Math.PI) + 40 * Math.sin(y / 3 * Math.PI)) * 2 / 3;
    r += (160 * Math.sin(y / 12 * Math.PI) + 320 * Math.sin(y * Math.PI / 30)) * 2 / 3;
    return r;
  }

  private static double dLng(double x, double y) {
    double r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2 / 3;
    r += (20 * Math.sin(x * Math.PI) + 40 * Math.sin(x / 3 * Math.PI)) * 2 / 3;
    r += (150 * Math.sin(x / 12 * Math.PI) + 300 * Math.sin(x / 30 * Math.PI)) * 2 / 3;
    return r;
  }

  /** CGCS2000 (≈ WGS84) lon/lat → GCJ-02 lon/lat. */
  static double[] toGcj(double lng, double lat) {
    double radLat = Math.toRadians(lat);
    double magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
    double sqrtMagic = Math.sqrt(magic);
    double dlat =
        dLat(lng - 105, lat - 35) * 180 / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
    double dlng = dLng(lng - 105, lat - 35) * 180 / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
    return new double[] {lng + dlng, lat + dlat};
  }

  /** Metres between two lon/lat points (spherical; enough for a tolerance of metres). */
  static double metres(double lng1, double lat1, double lng2, double lat2) {
    double k = Math.PI / 180 * 6_371_000;
    double dx = (lng2 - lng1) * k * Math.cos(Math.toRadians((lat1 + lat2) / 2));
    double dy = (lat2 - lat1) * k;
    return Math.hypot(dx, dy);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aZoneDrawnOnAGcj02BasemapIsStoredShiftedBack() {
    // Switch the basemap through the layer control, as a person would.
    driver.executeScript(
        "const labels = [...document.querySelectorAll('.leaflet-control-layers-base label')];"
            + "labels.find(l => l.textContent.includes('GCJ-02')).querySelector('input').click();");
    waitFor(d -> Boolean.TRUE.equals(driver.executeScript("return map.options.crs === Gcj02.crs")));
    // Record where the mouse goes down on the map (pixels in the map's box), from the DOM.
    driver.executeScript(
        "window.clicks = []; const m = document.getElementById('map');"
            + "m.addEventListener('mousedown', e => { const r = m.getBoundingClientRect();"
            + " clicks.push([e.clientX - r.left, e.clientY - r.top]); }, true);");
    driver.findElement(By.cssSelector("#tabs [data-tab=edit]")).click();
    driver.findElement(By.id("draw-new")).click();
    // North-west of the county seat, away from every zone (no snapping there).
    clickMap(-300, -220);
    clickMap(-200, -220);
    clickMap(-200, -140);
    clickMap(-300, -140);
    clickMap(-300, -220);
    waitFor(d -> d.findElement(By.id("save")).isEnabled());
    // The GCJ-02 coordinates the basemap shows under each click: plain Web Mercator of the pixel.
    List<List<Number>> shown =
        (List<List<Number>>)
            driver.executeScript(
                "return clicks.slice(0, 4).map(([x, y]) => {"
                    + " const p = map.containerPointToLayerPoint(L.point(x, y)).add(map.getPixelOrigin());"
                    + " const ll = L.CRS.EPSG3857.pointToLatLng(p, map.getZoom());"
                    + " return [ll.lng, ll.lat]; });");
    // Half a pixel at this zoom, in metres (the click's pixel is rounded).
    double pixelMetres =
        ((Number)
                driver.executeScript(
                    "const c = map.getSize().divideBy(2);"
                        + " return map.distance(map.containerPointToLatLng(c),"
                        + " map.containerPointToLatLng(c.add([1, 0])));"))
            .doubleValue();
    driver.findElement(By.cssSelector("#zone-form [name=code]")).sendKeys("GCJ");
    driver.findElement(By.cssSelector("#zone-form [name=name]")).sendKeys("火星坐标绘制");
    driver.findElement(By.id("save")).click();
    waitFor(d -> http.get("/api/plans/pujiang-2021/zones/GCJ").status() == 200);
    try {
      JsonNode stored = http.get("/api/plans/pujiang-2021/zones/GCJ").json();
      Coordinate[] vertices = GeoJson.readPolygonal(stored.get("geometry")).getCoordinates();
      for (List<Number> click : shown) {
        double gx = click.get(0).doubleValue();
        double gy = click.get(1).doubleValue();
        // the stored vertex whose GCJ-02 image lies under this click
        double best = Double.MAX_VALUE;
        Coordinate nearest = null;
        for (Coordinate v : vertices) {
          double[] g = toGcj(v.x, v.y);
          double m = metres(g[0], g[1], gx, gy);
          if (m < best) {
            best = m;
            nearest = v;
          }
        }
        // within two pixels of where it was clicked on the GCJ-02 map ...
        assertThat(best).isLessThan(2 * pixelMetres + 0.5);
        // ... and the stored vertex itself is the shifted-back one, about half a kilometre away
        assertThat(metres(nearest.x, nearest.y, gx, gy)).isBetween(450.0, 600.0);
      }
    } finally {
      http.delete("/api/plans/pujiang-2021/zones/GCJ", "*");
      driver.findElement(By.cssSelector("#tabs [data-tab=info]")).click();
    }
  }
}
