package org.zoneplan.system;

/**
 * A part of {@code /api/config} contributed by a feature (e.g. the notice that the data shown is
 * illustrative), so that {@code system} need not know the features. Answered on every request: keep
 * it cheap.
 */
public interface ClientConfigPart {
  /** The key in the body of {@code /api/config}. */
  String key();

  /** The value under {@link #key()}, written by Jackson. */
  Object value();
}
