package org.zoneplan.enterprises;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * Which enterprises a list holds; every field is optional (null: no condition).
 *
 * @param name part of the name (case-insensitive)
 * @param industry a 门类 letter (C), a 大类 (38) or a 小类 (3825)
 * @param zone enterprises using a parcel whose interior point lies in this geometry (a zone's)
 * @param year enterprises that existed in that year
 */
public record EnterpriseFilter(String name, String industry, MultiPolygon zone, Integer year) {
  public static final EnterpriseFilter ALL = new EnterpriseFilter(null, null, null, null);
}
