package org.zoneplan.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Converts spreadsheets with LibreOffice headless ({@code soffice --convert-to}), for tests of
 * files written by another program. Without LibreOffice the calling test is skipped, except under
 * {@code CI=true}, where it fails ({@code .ci/run} installs {@code libreoffice-calc-nogui}).
 */
public final class LibreOffice {
  /**
   * CSV as UTF-8 (76), comma (44), double quotes (34), first line 1; LibreOffice's filter options.
   */
  public static final String CSV_UTF8 = "44,34,76,1";

  private LibreOffice() {}

  public static Path requireAvailable() {
    for (String dir :
        (System.getenv("PATH") == null ? "/usr/bin" : System.getenv("PATH") + ":/usr/bin")
            .split(":")) {
      Path soffice = Path.of(dir, "soffice");
      if (Files.isExecutable(soffice)) {
        return soffice;
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "LibreOffice (soffice) missing under CI=true: install libreoffice-calc-nogui");
    }
    Assumptions.abort("LibreOffice (soffice) not installed: install libreoffice-calc-nogui");
    return null;
  }

  /**
   * Converts {@code input} into {@code outDir} and returns the new file.
   *
   * @param format e.g. {@code xlsx} or {@code csv:Text - txt - csv (StarCalc):44,34,76,1}
   * @param inputFilter e.g. {@code CSV:44,34,76,1} for a UTF-8 CSV, or null
   * @param extension the new file's extension
   */
  public static Path convert(
      Path input, String format, String inputFilter, Path outDir, String extension)
      throws IOException, InterruptedException {
    Path soffice = requireAvailable();
    // A private profile: a second LibreOffice on the machine would otherwise share (and lock) it.
    Path profile = Files.createTempDirectory("zoneplan-lo-profile");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                soffice.toString(),
                "-env:UserInstallation=" + profile.toUri(),
                "--headless",
                "--norestore"));
    if (inputFilter != null) {
      command.add("--infilter=" + inputFilter);
    }
    command.addAll(
        List.of("--convert-to", format, "--outdir", outDir.toString(), input.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("LANG", "C.UTF-8");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("soffice did not finish in 180 s");
    }
    String name = input.getFileName().toString();
    Path result = outDir.resolve(name.substring(0, name.lastIndexOf('.')) + "." + extension);
    if (p.exitValue() != 0 || !Files.exists(result)) {
      throw new AssertionError("soffice failed (" + p.exitValue() + "): " + output);
    }
    Ids.deleteQuietly(profile);
    return result;
  }

  private static final class Ids {
    static void deleteQuietly(Path dir) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary profile is harmless
      }
    }
  }
}
