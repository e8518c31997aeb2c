package org.zoneplan.zones;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Geometry;

/**
 * Which zones the current request may see: access by jurisdiction (issue 14). Implemented by {@code
 * jurisdictions.AccessScopes} from the signed-in user's scopes; every reader of zones on a
 * request's behalf (this package's service, the OGC API, tiles, exports, the analysis) asks it, so
 * a zone outside the user's jurisdiction is absent everywhere and answers 404 like a missing one.
 * Work without a signed-in user (start-up, warm-up, sample loading, anonymous reads allowed by the
 * security rules) is unrestricted.
 */
public interface ZoneVisibility {

  /** The codes of the plan's zones the current request may see, or null when it may see all. */
  Set<String> visibleCodes(String planId);

  /**
   * A key of the current request's scope: {@code ""} when unrestricted. Caches of results derived
   * from zones or land key by it, so a scoped user never receives another scope's result.
   */
  String scopeKey();

  /**
   * Whether a parcel (EPSG:4490) lies, by its interior point, in the land the current request may
   * see with this plan: its divisions' outlines and its visible zones; null when unrestricted.
   */
  Predicate<Geometry> landFilter(String planId);

  /**
   * Whether a zone with this code, parent and geometry in the plan would be visible to the current
   * request: a scoped user may create or reshape a zone only so that it stays in their scope.
   */
  boolean mayHold(String planId, String code, String parentCode, Geometry geometry);

  /**
   * Whether the current request may read figures of the division (a division of its scope or under
   * one, or one its zones lie in); always true when unrestricted.
   */
  boolean divisionVisible(String divisionCode);

  default boolean visible(String planId, String code) {
    Set<String> codes = visibleCodes(planId);
    return codes == null || codes.contains(code);
  }

  default List<Zone> filter(String planId, List<Zone> zones) {
    Set<String> codes = visibleCodes(planId);
    return codes == null ? zones : zones.stream().filter(z -> codes.contains(z.code())).toList();
  }
}
