package org.zoneplan.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zips for upload tests. */
public final class Zips {
  private Zips() {}

  /** A zip of the given entries (name → bytes), in order. */
  public static byte[] of(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** A zip of the files of a shapefile folder (every file in it). */
  public static byte[] folder(Path dir) throws IOException {
    java.util.LinkedHashMap<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (var files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        entries.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return of(entries);
  }
}
