package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts the shapefile parts of an uploaded zip into a private folder, refusing hostile archives
 * before anything leaves it: entry names with {@code ..} or an absolute path, too many entries,
 * more bytes than allowed in all, or an entry that expands more than {@code maxCompressionRatio}
 * times (counted on the bytes actually inflated, not the sizes the zip claims). Files are flattened
 * to their base names; other entries ({@code .sbn}, {@code .xml}, {@code __MACOSX/}) are skipped.
 */
final class SafeUnzip {
  static final Set<String> WANTED = Set.of("shp", "shx", "dbf", "prj", "cpg", "gpkg", "geojson");

  private final ReadLimits limits;

  SafeUnzip(ReadLimits limits) {
    this.limits = limits;
  }

  /**
   * @return the extracted files, in {@code target}
   * @throws GisFileException unsafe names or too many entries ({@code UNSAFE_ARCHIVE}), too large,
   *     not a zip
   */
  List<Path> extract(Path zip, Path target) throws IOException {
    List<Path> extracted = new ArrayList<>();
    long total = 0;
    // The sizes a zip states can lie: the whole archive may expand at most maxCompressionRatio
    // times its real size, whatever its entries claim.
    long budget =
        Math.min(
            limits.maxUnzippedBytes(), Files.size(zip) * limits.maxCompressionRatio() + 1_048_576);
    try (ZipFile file = new ZipFile(zip.toFile())) {
      if (file.size() > limits.maxZipEntries()) {
        throw GisFileException.unsafe(
            "the zip has " + file.size() + " entries; at most " + limits.maxZipEntries());
      }
      // Check every name first: one hostile entry refuses the whole upload.
      for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        String normalised = name.replace('\\', '/');
        if (normalised.startsWith("/")
            || normalised.matches("^[A-Za-z]:.*")
            || List.of(normalised.split("/")).contains("..")) {
          throw GisFileException.unsafe("zip entry \"" + name + "\" points outside the archive");
        }
      }
      for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName().replace('\\', '/');
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (entry.isDirectory() || name.startsWith("__MACOSX/") || base.startsWith(".")) {
          continue;
        }
        int dot = base.lastIndexOf('.');
        String ext = dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!WANTED.contains(ext)) {
          continue;
        }
        Path out = target.resolve(base).normalize();
        if (!out.getParent().equals(target.normalize()) || Files.exists(out)) {
          throw GisFileException.unsafe("zip entry \"" + entry.getName() + "\" is duplicated");
        }
        total += copy(file, entry, out, budget - total);
        extracted.add(out);
      }
    } catch (ZipException e) {
      throw GisFileException.unreadable("not a readable zip: " + e.getMessage());
    }
    return extracted;
  }

  private long copy(ZipFile file, ZipEntry entry, Path out, long budget) throws IOException {
    long compressed = Math.max(entry.getCompressedSize(), 1);
    long ratioLimit = compressed * limits.maxCompressionRatio() + 65_536;
    long written = 0;
    byte[] buffer = new byte[65_536];
    try (InputStream in = file.getInputStream(entry);
        OutputStream o = Files.newOutputStream(out)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        written += n;
        if (written > budget) {
          throw GisFileException.tooLarge(
              "the zip expands to more than "
                  + limits.maxUnzippedBytes() / (1024 * 1024)
                  + " MB or more than "
                  + limits.maxCompressionRatio()
                  + " times its size: a zip bomb?");
        }
        if (written > ratioLimit) {
          throw GisFileException.tooLarge(
              "zip entry \""
                  + entry.getName()
                  + "\" expands more than "
                  + limits.maxCompressionRatio()
                  + " times: a zip bomb?");
        }
        o.write(buffer, 0, n);
      }
    }
    return written;
  }
}
