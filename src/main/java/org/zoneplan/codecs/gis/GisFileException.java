package org.zoneplan.codecs.gis;

/**
 * A feature file (or the archive holding it) that cannot be read: what is wrong as a {@link Kind},
 * and where in the message (the zip entry, the table, the feature number). Over a limit, it names
 * the limit, its value and the property that sets it. Nothing has been written when it is thrown;
 * {@code system.ProblemAdvice} answers it as problem details (413 for {@link Kind#TOO_LARGE}, 415
 * for {@link Kind#UNSUPPORTED}, 400 for {@link Kind#UNSAFE_ARCHIVE}, 422 otherwise).
 */
public class GisFileException extends RuntimeException {
  /** What is wrong; each has its problem type {@code urn:zoneplan:problem:<slug>}. */
  public enum Kind {
    /** A zip entry with an unsafe name, too many entries, a duplicate. */
    UNSAFE_ARCHIVE("unsafe-archive", "Unsafe archive"),
    /** Not a format zoneplan reads. */
    UNSUPPORTED("unsupported-file", "Unsupported file"),
    /** A zip that expands past its limits. */
    TOO_LARGE("upload-too-large", "Upload too large"),
    /** Not the format it claims, truncated, inconsistent. */
    UNREADABLE("unreadable-file", "Unreadable file"),
    /** Geometry other than polygons. */
    NOT_POLYGON("not-polygon", "Not a polygon layer"),
    /** No CRS, or one that zoneplan does not know, or coordinates that contradict it. */
    UNKNOWN_CRS("unknown-crs", "Unknown CRS"),
    /** Over a count or size limit ({@link #limit()}, {@link #max()}, {@link #property()}). */
    OVER_LIMIT("upload-limit", "Upload over a limit"),
    /** Reading took longer than its time limit. */
    TOO_SLOW("upload-too-slow", "Upload too slow to read");

    private final String slug;
    private final String title;

    Kind(String slug, String title) {
      this.slug = slug;
      this.title = title;
    }

    public String slug() {
      return slug;
    }

    public String title() {
      return title;
    }
  }

  private final Kind kind;
  private final String limit;
  private final long max;
  private final String property;

  public GisFileException(Kind kind, String message) {
    this(kind, message, null, 0, null);
  }

  private GisFileException(Kind kind, String message, String limit, long max, String property) {
    super(message);
    this.kind = kind;
    this.limit = limit;
    this.max = max;
    this.property = property;
  }

  public static GisFileException unsafe(String detail) {
    return new GisFileException(Kind.UNSAFE_ARCHIVE, detail);
  }

  public static GisFileException tooLarge(String detail) {
    return new GisFileException(Kind.TOO_LARGE, detail);
  }

  public static GisFileException unreadable(String detail) {
    return new GisFileException(Kind.UNREADABLE, detail);
  }

  public static GisFileException notPolygon(String detail) {
    return new GisFileException(Kind.NOT_POLYGON, detail);
  }

  public static GisFileException crs(String detail) {
    return new GisFileException(Kind.UNKNOWN_CRS, detail);
  }

  /** Over one of the limits: names it ({@code features}), its value and its property. */
  public static GisFileException overLimit(String what, String property, long max, String detail) {
    return new GisFileException(Kind.OVER_LIMIT, detail, what, max, property);
  }

  /** Reading took longer than {@code seconds} (the limit {@code read-timeout}). */
  public static GisFileException tooSlow(long seconds) {
    return new GisFileException(
        Kind.TOO_SLOW,
        "reading the file took longer than "
            + seconds
            + " s (zoneplan.exchange.read-timeout); nothing was written",
        "read-timeout",
        seconds,
        "zoneplan.exchange.read-timeout");
  }

  public Kind kind() {
    return kind;
  }

  /** The limit's name for {@link Kind#OVER_LIMIT} and {@link Kind#TOO_SLOW}, else null. */
  public String limit() {
    return limit;
  }

  /** The limit's value (seconds for {@code read-timeout}), when {@link #limit()} is not null. */
  public long max() {
    return max;
  }

  /** The property that sets the limit, when {@link #limit()} is not null. */
  public String property() {
    return property;
  }
}
