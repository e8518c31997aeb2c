package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the private temporary folders of imports and exports. */
public final class TempFiles {
  private TempFiles() {}

  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      org.slf4j.LoggerFactory.getLogger(TempFiles.class)
          .warn("could not delete temporary folder {}: {}", dir, e.getMessage());
    }
  }

  /**
   * Deletes the {@code zoneplan-import-*} and {@code zoneplan-export-*} folders in {@code tempDir}
   * that were last changed more than {@code olderThan} ago: leftovers of a process that was killed
   * while it imported or exported. A folder changed more recently may belong to another zoneplan
   * process sharing the temp folder, and is left. Symbolic links are not followed.
   *
   * @return how many folders were deleted
   */
  public static int sweep(Path tempDir, Duration olderThan) {
    if (!Files.isDirectory(tempDir)) {
      return 0;
    }
    Instant before = Instant.now().minus(olderThan);
    int swept = 0;
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(tempDir, "zoneplan-{import,export}-*")) {
      for (Path p : entries) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isBefore(before)) {
          deleteRecursively(p);
          swept++;
        }
      }
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(TempFiles.class)
          .warn("could not sweep {}: {}", tempDir, e.getMessage());
    }
    return swept;
  }
}
