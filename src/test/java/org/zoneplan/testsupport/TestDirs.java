package org.zoneplan.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders of the tests (stores, exports, browser profiles). Each carries a file naming
 * the JVM that made it; the first folder a JVM makes first deletes the folders of JVMs that have
 * ended, so a machine keeps at most the folders of the runs under way (they used to pile up in the
 * temporary directory run after run, tens of gigabytes on a developer's machine). Folders of a live
 * JVM — another run going on at the same time — are never touched.
 */
public final class TestDirs {
  static final String OWNER_FILE = ".zoneplan-test-owner";
  private static boolean cleaned;

  private TestDirs() {}

  /** A new temporary folder named {@code prefix…}, marked as this JVM's. */
  public static Path create(String prefix) throws IOException {
    removeStale();
    Path dir = Files.createTempDirectory(prefix);
    Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
    return dir;
  }

  /** Deletes the marked folders whose JVM has ended (once per JVM). */
  static synchronized void removeStale() {
    if (cleaned) {
      return;
    }
    cleaned = true;
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> dirs = Files.list(tmp)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(OWNER_FILE))).toList()) {
        try {
          long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).trim());
          if (ProcessHandle.of(owner).isEmpty()) {
            deleteTree(dir);
          }
        } catch (IOException | NumberFormatException | UncheckedIOException e) {
          // unreadable or half-deleted: leave it for the next run
        }
      }
    } catch (IOException e) {
      // no listing: nothing to clean
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
