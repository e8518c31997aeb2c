package org.zoneplan.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs GDAL's command-line tools ({@code ogrinfo}, {@code ogr2ogr}) for interoperability tests.
 * Without GDAL the calling test is skipped, except under {@code CI=true}, where it fails ({@code
 * .ci/run} installs {@code gdal-bin}).
 */
public final class Gdal {
  private Gdal() {}

  /** Output of a finished tool. */
  public record Result(int exitCode, String stdout, String stderr) {}

  public static void requireAvailable() {
    boolean found =
        Files.isExecutable(Path.of("/usr/bin/ogrinfo"))
            || System.getenv("PATH") != null
                && List.of(System.getenv("PATH").split(":")).stream()
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, "ogrinfo")));
    if (!found) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("GDAL (ogrinfo) missing under CI=true: install gdal-bin");
      }
      Assumptions.abort("GDAL (ogrinfo) not installed: install gdal-bin");
    }
  }

  /** Runs a tool; fails the test when it exits non-zero. */
  public static String run(String... command) {
    Result r = runAllowingFailure(command);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.stderr() + r.stdout());
    }
    return r.stdout();
  }

  public static Result runAllowingFailure(String... command) {
    requireAvailable();
    try {
      Path out = Files.createTempFile("gdal-out", ".txt");
      Path err = Files.createTempFile("gdal-err", ".txt");
      try {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command)));
        pb.environment().put("LANG", "C.UTF-8");
        // For zoneplan's OGC API: GDAL sends these HTTP Basic credentials without a challenge.
        pb.environment().put("GDAL_HTTP_AUTH", "BASIC");
        pb.environment().put("GDAL_HTTP_USERPWD", Credentials.ADMIN.userPassword());
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Result(
            p.exitValue(),
            new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
            new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The EPSG code GDAL identifies for a layer (the last {@code ID["EPSG",n]} of its SRS). */
  public static int epsgOf(String dataset, String layer) {
    String info = run("ogrinfo", "-ro", "-so", dataset, layer);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\n    ID\\[\"EPSG\",(\\d+)\\]\\]").matcher(info);
    int code = -1;
    while (m.find()) {
      code = Integer.parseInt(m.group(1));
    }
    return code;
  }
}
