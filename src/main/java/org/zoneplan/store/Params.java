package org.zoneplan.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SQL parameter lists built from parts, so that an INSERT and an UPDATE of the same row name their
 * shared columns once (in one method of the repository) and add their keys before or after.
 */
public final class Params {
  private Params() {}

  /** The values in order; unlike {@code List.of}, nulls (SQL NULL) are allowed. */
  public static List<Object> of(Object... values) {
    return Arrays.asList(values);
  }

  /** The lists' values in order, as one parameter list. */
  @SafeVarargs
  public static List<Object> concat(List<?>... parts) {
    List<Object> out = new ArrayList<>();
    for (List<?> part : parts) {
      out.addAll(part);
    }
    return out;
  }
}
