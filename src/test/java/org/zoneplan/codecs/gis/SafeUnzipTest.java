package org.zoneplan.codecs.gis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive reader alone, without Spring: what it refuses is a {@link GisFileException}. */
class SafeUnzipTest {
  private static final ReadLimits LIMITS =
      new ReadLimits(4, 10L * 1024 * 1024, 100, 65_536, 8L * 1024 * 1024, Duration.ofSeconds(5));

  @TempDir Path dir;

  private Path zip(String... namesAndSizes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndSizes.length; i += 2) {
        out.putNextEntry(new ZipEntry(namesAndSizes[i]));
        out.write(new byte[Integer.parseInt(namesAndSizes[i + 1])]);
        out.closeEntry();
      }
    }
    return Files.write(dir.resolve("upload.zip"), bytes.toByteArray());
  }

  private Path target() throws IOException {
    return Files.createDirectories(dir.resolve("out"));
  }

  @Test
  void extractsTheWantedFilesOnly() throws IOException {
    List<Path> files =
        new SafeUnzip(LIMITS)
            .extract(zip("a.shp", "100", "a.dbf", "10", "readme.txt", "5"), target());
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("a.shp", "a.dbf");
    assertThat(files).allMatch(p -> p.startsWith(dir.resolve("out")));
    assertThat(dir.resolve("out/readme.txt")).doesNotExist();
  }

  @Test
  void anEntryOutsideTheArchiveIsUnsafe() throws IOException {
    Path zip = zip("../evil.shp", "10");
    assertThatThrownBy(() -> new SafeUnzip(LIMITS).extract(zip, target()))
        .isInstanceOfSatisfying(
            GisFileException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(GisFileException.Kind.UNSAFE_ARCHIVE);
              assertThat(e.getMessage()).contains("../evil.shp");
            });
    assertThat(dir.resolve("evil.shp")).doesNotExist();
  }

  @Test
  void tooManyEntriesAreRefused() throws IOException {
    Path zip = zip("a.shp", "1", "b.shp", "1", "c.shp", "1", "d.shp", "1", "e.shp", "1");
    assertThatThrownBy(() -> new SafeUnzip(LIMITS).extract(zip, target()))
        .isInstanceOfSatisfying(
            GisFileException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(GisFileException.Kind.UNSAFE_ARCHIVE);
              assertThat(e.getMessage()).contains("5 entries").contains("at most 4");
            });
  }

  @Test
  void anEntryCompressedPastTheRatioIsTooLarge() throws IOException {
    // 8 MB of zeros deflate to about 8 KB: a ratio of about 1000, the limit is 100.
    Path zip = zip("bomb.shp", String.valueOf(8 * 1024 * 1024));
    assertThatThrownBy(() -> new SafeUnzip(LIMITS).extract(zip, target()))
        .isInstanceOfSatisfying(
            GisFileException.class,
            e -> assertThat(e.kind()).isEqualTo(GisFileException.Kind.TOO_LARGE));
  }

  @Test
  void notAZipIsUnreadable() throws IOException {
    Path notZip = Files.writeString(dir.resolve("upload.zip"), "PK but not a zip");
    assertThatThrownBy(() -> new SafeUnzip(LIMITS).extract(notZip, target()))
        .isInstanceOfSatisfying(
            GisFileException.class,
            e -> assertThat(e.kind()).isEqualTo(GisFileException.Kind.UNREADABLE));
  }
}
