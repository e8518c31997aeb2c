package org.zoneplan.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of import and export ({@code zoneplan.exchange.*}). The upload size limit itself is
 * Spring's {@code spring.servlet.multipart.max-file-size} / {@code max-request-size}.
 *
 * @param tempDir where private temporary folders are made (default: the JVM's temp folder)
 * @param zipLevel deflate level of exported zips, 0–9 (default 1: fast; coordinates compress little
 *     anyway)
 * @param maxZipEntries most entries an uploaded zip may have (default 64)
 * @param maxUnzippedSize most bytes an uploaded zip may expand to (default 2 GB)
 * @param maxCompressionRatio largest uncompressed ÷ compressed size of one entry (default 100: a
 *     shapefile compresses 2–10 times; a zip bomb a thousand)
 */
@ConfigurationProperties("zoneplan.exchange")
public record ExchangeProperties(
    Path tempDir,
    Integer zipLevel,
    Integer maxZipEntries,
    DataSize maxUnzippedSize,
    Integer maxCompressionRatio) {
  public ExchangeProperties {
    tempDir = tempDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : tempDir;
    zipLevel = zipLevel == null ? 1 : zipLevel;
    maxZipEntries = maxZipEntries == null ? 64 : maxZipEntries;
    maxUnzippedSize = maxUnzippedSize == null ? DataSize.ofGigabytes(2) : maxUnzippedSize;
    maxCompressionRatio = maxCompressionRatio == null ? 100 : maxCompressionRatio;
  }

  /** A new folder only this process can read, e.g. {@code zoneplan-import-1234}. */
  Path newTempDir(String purpose) throws IOException {
    Files.createDirectories(tempDir);
    try {
      return Files.createTempDirectory(
          tempDir,
          "zoneplan-" + purpose + "-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      return Files.createTempDirectory(tempDir, "zoneplan-" + purpose + "-");
    }
  }
}
