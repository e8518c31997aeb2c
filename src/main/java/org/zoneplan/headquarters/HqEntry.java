package org.zoneplan.headquarters;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.locationtech.jts.geom.Point;

/**
 * A firm or project on a headquarters list.
 *
 * @param type FIRM or PROJECT
 * @param creditCode 统一社会信用代码, or null when not known
 * @param starLevel 1–5 (星级), or null when not rated (projects)
 * @param planId with {@code zoneCode}: the platform zone it lies in, or null
 * @param location EPSG:4490 point (lon, lat), or null
 * @param illustrative made up (name, stars, location): the published source lists no firms
 */
public record HqEntry(
    String id,
    String listId,
    String type,
    String name,
    String creditCode,
    Integer starLevel,
    String planId,
    String zoneCode,
    @JsonIgnore Point location,
    boolean illustrative,
    String note) {
  public static final String FIRM = "FIRM";
  public static final String PROJECT = "PROJECT";

  /** The location's longitude (EPSG:4490) as JSON shows it, or null. */
  @JsonProperty("lon")
  public Double lon() {
    return location == null ? null : location.getX();
  }

  /** The location's latitude (EPSG:4490) as JSON shows it, or null. */
  @JsonProperty("lat")
  public Double lat() {
    return location == null ? null : location.getY();
  }
}
