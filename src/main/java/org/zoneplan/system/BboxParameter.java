package org.zoneplan.system;

import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpStatus;
import org.zoneplan.geo.PolygonValidator;

/**
 * The {@code bbox} query parameter of the feature APIs: {@code minLon,minLat,maxLon,maxLat} in
 * EPSG:4490, longitude first (as in OGC API Features and GeoJSON). Refused with a 400 problem
 * ({@code invalid-bbox}) when it is not four numbers, a minimum exceeds its maximum, or it lies
 * wholly outside China (also when it would fit with latitude and longitude swapped).
 */
public final class BboxParameter {
  private BboxParameter() {}

  /** The box, or null when the parameter is absent or blank. */
  public static Envelope parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw invalid(text, "bbox must be four numbers minLon,minLat,maxLon,maxLat");
    }
    double[] v = new double[4];
    for (int k = 0; k < 4; k++) {
      try {
        v[k] = Double.parseDouble(parts[k].strip());
      } catch (NumberFormatException e) {
        throw invalid(
            text, "bbox value " + (k + 1) + " (\"" + parts[k].strip() + "\") is not a number");
      }
      if (!Double.isFinite(v[k])) {
        throw invalid(text, "bbox value " + (k + 1) + " is not finite");
      }
    }
    if (v[0] > v[2]) {
      throw invalid(text, "bbox minLon " + v[0] + " exceeds maxLon " + v[2]);
    }
    if (v[1] > v[3]) {
      throw invalid(text, "bbox minLat " + v[1] + " exceeds maxLat " + v[3]);
    }
    Envelope box = new Envelope(v[0], v[2], v[1], v[3]);
    if (!box.intersects(PolygonValidator.CHINA)) {
      if (new Envelope(v[1], v[3], v[0], v[2]).intersects(PolygonValidator.CHINA)) {
        throw invalid(
            text,
            "bbox looks like minLat,minLon,maxLat,maxLon; give longitude first:"
                + " minLon,minLat,maxLon,maxLat");
      }
      throw invalid(
          text, "bbox lies outside China (longitude 73–136°E, latitude 3–54°N in EPSG:4490)");
    }
    return box;
  }

  private static ApiProblem invalid(String text, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-bbox", "Invalid bbox", detail)
        .with("bbox", text.length() > 200 ? text.substring(0, 200) : text);
  }
}
