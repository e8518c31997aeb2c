package org.zoneplan.reports;

import com.lowagie.text.pdf.BaseFont;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.zoneplan.tiles.TileRenderer;

/**
 * The CJK font of the reports: Debian's Noto Sans CJK ({@code fonts-noto-cjk}), its Simplified
 * Chinese face, embedded in every PDF as a subset (Identity-H, so any character prints). The same
 * face is the AWT font that lays out the labels ({@link TileRenderer#findFont}), so widths measured
 * for placement are the widths printed.
 *
 * @param file the font file; for a collection (.ttc) {@code pdfName} carries the face's index
 * @param pdfName what OpenPDF opens, e.g. {@code /usr/share/…/NotoSansCJK-Regular.ttc,2}
 */
public record ReportFonts(Path file, String pdfName, BaseFont base, Font awt) {
  public static final String FAMILY = "Noto Sans CJK SC";

  private static final String[] FONT_DIRS = {"/usr/share/fonts", "/usr/local/share/fonts"};

  private static volatile ReportFonts found;

  /**
   * The font, found once per process (OpenPDF shares a {@link BaseFont} between documents; each
   * document embeds its own subset).
   *
   * @throws IllegalStateException without a Noto Sans CJK file (install fonts-noto-cjk)
   */
  public static ReportFonts get() {
    ReportFonts f = found;
    if (f == null) {
      synchronized (ReportFonts.class) {
        f = found;
        if (f == null) {
          f = find();
          found = f;
        }
      }
    }
    return f;
  }

  private static ReportFonts find() {
    for (String dir : FONT_DIRS) {
      Path root = Path.of(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files =
            walk.filter(
                    p ->
                        p.getFileName().toString().matches("(?i)NotoSansCJK.*-Regular\\.(ttc|otf)"))
                .sorted(Comparator.comparing(Path::toString))
                .toList();
      } catch (IOException | UncheckedIOException e) {
        continue;
      }
      for (Path p : files) {
        try {
          String pdfName = p.toString();
          if (pdfName.toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            String[] faces = BaseFont.enumerateTTCNames(pdfName);
            int index = -1;
            for (int i = 0; i < faces.length; i++) {
              if (faces[i].toLowerCase(Locale.ROOT).contains("cjksc")
                  || faces[i].toLowerCase(Locale.ROOT).contains("cjk sc")) {
                index = i;
                break;
              }
            }
            if (index < 0) {
              continue;
            }
            pdfName = pdfName + "," + index;
          }
          BaseFont base = BaseFont.createFont(pdfName, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
          return new ReportFonts(p, pdfName, base, TileRenderer.findFont(FAMILY));
        } catch (IOException | RuntimeException e) {
          // not a usable face: try the next file
        }
      }
    }
    throw new IllegalStateException(
        "No Noto Sans CJK font found under /usr/share/fonts: install fonts-noto-cjk");
  }
}
