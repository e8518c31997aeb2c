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
 * Debian's poppler-utils ({@code pdftotext}, {@code pdffonts}, {@code pdfinfo}, {@code pdftoppm})
 * as an independent reader of the PDFs zoneplan writes. Without them the calling test is skipped,
 * except under {@code CI=true}, where it fails ({@code .ci/run} installs {@code poppler-utils}).
 */
public final class Poppler {
  private Poppler() {}

  public static void requireAvailable() {
    boolean found =
        Files.isExecutable(Path.of("/usr/bin/pdftotext"))
            || System.getenv("PATH") != null
                && List.of(System.getenv("PATH").split(":")).stream()
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, "pdftotext")));
    if (!found) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(
            "poppler-utils (pdftotext) missing under CI=true: install poppler-utils");
      }
      Assumptions.abort("poppler-utils (pdftotext) not installed: install poppler-utils");
    }
  }

  /** The text of a PDF, laid out as on the page ({@code pdftotext -layout}). */
  public static String text(Path pdf) {
    return run("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-");
  }

  /** The text of some pages of a PDF ({@code pdftotext -layout -f first -l last}). */
  public static String text(Path pdf, int first, int last) {
    return run(
        "pdftotext",
        "-layout",
        "-enc",
        "UTF-8",
        "-f",
        Integer.toString(first),
        "-l",
        Integer.toString(last),
        pdf.toString(),
        "-");
  }

  /** {@code pdffonts}' table. */
  public static String fonts(Path pdf) {
    return run("pdffonts", pdf.toString());
  }

  /** {@code pdfinfo}'s answer. */
  public static String info(Path pdf) {
    return run("pdfinfo", pdf.toString());
  }

  /** The number of pages ({@code pdfinfo}). */
  public static int pages(Path pdf) {
    for (String line : info(pdf).split("\n")) {
      if (line.startsWith("Pages:")) {
        return Integer.parseInt(line.substring(6).trim());
      }
    }
    throw new AssertionError("pdfinfo gave no page count");
  }

  /** Renders one page as PNG at {@code dpi} ({@code pdftoppm -singlefile}); returns the file. */
  public static Path renderPage(Path pdf, int page, int dpi, Path outDir) {
    Path prefix = outDir.resolve("page-" + page);
    run(
        "pdftoppm",
        "-png",
        "-r",
        Integer.toString(dpi),
        "-f",
        Integer.toString(page),
        "-l",
        Integer.toString(page),
        "-singlefile",
        pdf.toString(),
        prefix.toString());
    return outDir.resolve("page-" + page + ".png");
  }

  private static String run(String... command) {
    try {
      List<String> cmd = new ArrayList<>(List.of(command));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command[0] + " did not finish in 120 s");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(command[0] + " failed (" + p.exitValue() + "): " + err);
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(command[0] + " could not run: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
