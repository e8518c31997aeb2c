package org.zoneplan.system;

/**
 * Who is acting, for history and the audit log: the signed-in user's name (Spring Security), {@code
 * anonymous} for unauthenticated requests, {@code system} for work zoneplan does on its own
 * (loading the sample data).
 */
public final class Actors {
  public static final String SYSTEM = "system";
  public static final String ANONYMOUS = "anonymous";
  private static final ThreadLocal<String> OVERRIDE = new ThreadLocal<>();

  private Actors() {}

  public static String current() {
    String override = OVERRIDE.get();
    if (override != null) {
      return override;
    }
    return SecurityActor.name().orElse(ANONYMOUS);
  }

  /** Runs work as {@code actor} on this thread (e.g. {@link #SYSTEM} for the sample data). */
  public static void runAs(String actor, Runnable work) {
    String previous = OVERRIDE.get();
    OVERRIDE.set(actor);
    try {
      work.run();
    } finally {
      if (previous == null) {
        OVERRIDE.remove();
      } else {
        OVERRIDE.set(previous);
      }
    }
  }
}
