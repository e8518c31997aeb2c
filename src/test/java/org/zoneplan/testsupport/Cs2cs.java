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
 * PROJ's {@code cs2cs} (Debian {@code proj-bin}) as an independent reference for projected
 * coordinates. Without it the calling test is skipped, except under {@code CI=true}, where it fails
 * ({@code .ci/run} installs {@code proj-bin}).
 *
 * <p>Axis order is EPSG's: EPSG:4490 in is (latitude, longitude); a Gauss-Krüger CRS out is
 * (northing, easting). The helpers here take and give zoneplan's order explicitly.
 */
public final class Cs2cs {
  private Cs2cs() {}

  /** A projected point: X = northing, Y = easting (Chinese surveying's X and Y), metres. */
  public record NorthEast(double northing, double easting) {}

  public static void requireAvailable() {
    boolean found =
        Files.isExecutable(Path.of("/usr/bin/cs2cs"))
            || System.getenv("PATH") != null
                && List.of(System.getenv("PATH").split(":")).stream()
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, "cs2cs")));
    if (!found) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("PROJ (cs2cs) missing under CI=true: install proj-bin");
      }
      Assumptions.abort("PROJ (cs2cs) not installed: install proj-bin");
    }
  }

  /**
   * Projects EPSG:4490 points given as {lon, lat} to a Gauss-Krüger EPSG code, in one cs2cs run.
   */
  public static List<NorthEast> project(List<double[]> lonLat, int targetEpsg) {
    StringBuilder input = new StringBuilder();
    for (double[] p : lonLat) {
      input.append(String.format("%.12f %.12f%n", p[1], p[0]));
    }
    List<NorthEast> out = new ArrayList<>();
    for (String line : run(input.toString(), "-f", "%.6f", "EPSG:4490", "EPSG:" + targetEpsg)) {
      String[] f = line.trim().split("\\s+");
      out.add(new NorthEast(Double.parseDouble(f[0]), Double.parseDouble(f[1])));
    }
    if (out.size() != lonLat.size()) {
      throw new AssertionError("cs2cs answered " + out.size() + " points for " + lonLat.size());
    }
    return out;
  }

  /** Inverse: Gauss-Krüger (northing, easting) to EPSG:4490, answered as {lon, lat}. */
  public static List<double[]> unproject(List<NorthEast> points, int sourceEpsg) {
    StringBuilder input = new StringBuilder();
    for (NorthEast p : points) {
      input.append(String.format("%.6f %.6f%n", p.northing(), p.easting()));
    }
    List<double[]> out = new ArrayList<>();
    for (String line : run(input.toString(), "-f", "%.12f", "EPSG:" + sourceEpsg, "EPSG:4490")) {
      String[] f = line.trim().split("\\s+");
      out.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[0])});
    }
    return out;
  }

  /**
   * Projects {lon, lat} points on the CGCS2000 ellipsoid (GRS80's a and f) onto PROJ's Lambert
   * azimuthal equal-area plane centred at (lon0, lat0), in one cs2cs run: {easting, northing},
   * metres, to 1e-12 m.
   */
  public static List<double[]> laea(List<double[]> lonLat, double lon0, double lat0) {
    StringBuilder input = new StringBuilder();
    for (double[] p : lonLat) {
      input.append(String.format(java.util.Locale.ROOT, "%.15f %.15f%n", p[0], p[1]));
    }
    List<double[]> out = new ArrayList<>();
    String centre = String.format(java.util.Locale.ROOT, "+lat_0=%.15f +lon_0=%.15f", lat0, lon0);
    String[] args =
        ("-f %.12f +proj=longlat +ellps=GRS80 +to +proj=laea "
                + centre
                + " +x_0=0 +y_0=0 +ellps=GRS80 +units=m")
            .split(" ");
    for (String line : run(input.toString(), args)) {
      String[] f = line.trim().split("\\s+");
      out.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
    }
    if (out.size() != lonLat.size()) {
      throw new AssertionError("cs2cs answered " + out.size() + " points for " + lonLat.size());
    }
    return out;
  }

  private static List<String> run(String input, String... args) {
    requireAvailable();
    List<String> command = new ArrayList<>();
    command.add("cs2cs");
    command.addAll(List.of(args));
    try {
      Path in = Files.createTempFile("cs2cs-in", ".txt");
      Path out = Files.createTempFile("cs2cs-out", ".txt");
      try {
        Files.writeString(in, input, StandardCharsets.US_ASCII);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(in.toFile());
        pb.redirectOutput(out.toFile());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("cs2cs did not finish in 60 s");
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || lines.stream().anyMatch(l -> l.contains("*"))) {
          throw new AssertionError("cs2cs " + command + " failed: " + lines);
        }
        return lines.stream().filter(l -> !l.isBlank()).toList();
      } finally {
        Files.deleteIfExists(in);
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
