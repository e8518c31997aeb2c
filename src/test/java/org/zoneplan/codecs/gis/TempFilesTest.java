package org.zoneplan.codecs.gis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep of temp folders left by killed runs. */
class TempFilesTest {
  @TempDir Path tmp;

  @Test
  void onlyOldImportAndExportFoldersAreSwept() throws Exception {
    FileTime dayAgo = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
    Path oldImport = Files.createDirectories(tmp.resolve("zoneplan-import-1/unzipped"));
    Files.write(oldImport.resolve("x.dbf"), new byte[3]);
    Files.setLastModifiedTime(tmp.resolve("zoneplan-import-1"), dayAgo);
    Path oldExport = Files.createDirectories(tmp.resolve("zoneplan-export-2"));
    Files.setLastModifiedTime(oldExport, dayAgo);
    Path fresh = Files.createDirectories(tmp.resolve("zoneplan-import-3"));
    Path other = Files.createDirectories(tmp.resolve("someone-else-4"));
    Files.setLastModifiedTime(other, dayAgo);
    Path oldFile = Files.write(tmp.resolve("zoneplan-import-5"), new byte[1]);
    Files.setLastModifiedTime(oldFile, dayAgo);
    // a link to a folder outside: the link may go, never what it points at
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.write(outside.resolve("keep.txt"), new byte[1]);
    Path link = Files.createSymbolicLink(tmp.resolve("zoneplan-import-6"), outside);

    assertThat(TempFiles.sweep(tmp, Duration.ofMinutes(15))).isEqualTo(2);
    assertThat(tmp.resolve("zoneplan-import-1")).doesNotExist();
    assertThat(oldExport).doesNotExist();
    assertThat(fresh).exists();
    assertThat(other).exists();
    assertThat(oldFile).exists();
    assertThat(outside.resolve("keep.txt")).exists();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(TempFiles.sweep(tmp.resolve("missing"), Duration.ZERO)).isZero();
  }
}
