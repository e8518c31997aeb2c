package org.zoneplan.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.zoneplan.codecs.gis.ReadLimits;

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
 * @param maxImportFeatures most features one upload may hold (default 200,000); the whole upload is
 *     read into memory before the store is touched, so this and {@code maxImportVertices} bound the
 *     memory an import takes
 * @param maxImportVertices most vertices of all features of one upload together (default 5,000,000:
 *     about 250 MB as JTS coordinates)
 * @param maxTextLength most characters of one attribute value read from a GeoPackage (default
 *     65,536)
 * @param maxGeometryBytes most bytes of one GeoPackage geometry blob (default 8 MB: 500,000
 *     vertices as WKB)
 * @param readTimeout longest time reading an upload may take before it is refused (default 60 s);
 *     no store connection is held meanwhile
 * @param maxListedErrors most refused features (and, separately, most repairs) an import report
 *     lists (default 1,000); the rest are counted, not listed, so that a file of a million bad
 *     features gets a report of a few hundred kilobytes
 */
@ConfigurationProperties("zoneplan.exchange")
public record ExchangeProperties(
    Path tempDir,
    Integer zipLevel,
    Integer maxZipEntries,
    DataSize maxUnzippedSize,
    Integer maxCompressionRatio,
    Integer maxImportFeatures,
    Long maxImportVertices,
    Integer maxTextLength,
    DataSize maxGeometryBytes,
    Duration readTimeout,
    Integer maxListedErrors) {
  public ExchangeProperties {
    tempDir = tempDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : tempDir;
    zipLevel = zipLevel == null ? 1 : zipLevel;
    maxZipEntries = maxZipEntries == null ? 64 : maxZipEntries;
    maxUnzippedSize = maxUnzippedSize == null ? DataSize.ofGigabytes(2) : maxUnzippedSize;
    maxCompressionRatio = maxCompressionRatio == null ? 100 : maxCompressionRatio;
    maxImportFeatures = maxImportFeatures == null ? 200_000 : maxImportFeatures;
    maxImportVertices = maxImportVertices == null ? 5_000_000L : maxImportVertices;
    maxTextLength = maxTextLength == null ? 65_536 : maxTextLength;
    maxGeometryBytes = maxGeometryBytes == null ? DataSize.ofMegabytes(8) : maxGeometryBytes;
    readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
    maxListedErrors = maxListedErrors == null ? 1_000 : maxListedErrors;
    if (maxListedErrors < 1) {
      throw new IllegalArgumentException("zoneplan.exchange.max-listed-errors must be at least 1");
    }
  }

  /** The bounds of reading an upload, for the file readers. */
  public ReadLimits readLimits() {
    return new ReadLimits(
        maxZipEntries,
        maxUnzippedSize.toBytes(),
        maxCompressionRatio,
        maxTextLength,
        maxGeometryBytes.toBytes(),
        readTimeout);
  }

  /** A new folder only this process can read, e.g. {@code zoneplan-import-1234}. */
  public Path newTempDir(String purpose) throws IOException {
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
