package org.zoneplan.divisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: one write path per aggregate. Outside their own packages, main code writes no SQL into
 * the {@code parcel} and {@code division} tables and calls no write method of their repositories:
 * every write goes through {@code parcels.ParcelService} or {@link DivisionService}, which publish
 * the change events the caches depend on. (Tests and benchmarks may fill a store directly.) Reads
 * the sources; Spring-free.
 */
class OneWritePathTest {
  private static final Path MAIN = Path.of("src/main/java/org/zoneplan");

  record Table(String table, String ownPackage, String repository) {}

  static final List<Table> TABLES =
      List.of(
          new Table("parcel", "parcels", "ParcelRepository"),
          new Table("division", "divisions", "DivisionRepository"));

  @Test
  void parcelsAndDivisionsAreWrittenOnlyInTheirOwnPackages() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        String pkg = MAIN.relativize(file).getName(0).toString();
        for (Table t : TABLES) {
          if (pkg.equals(t.ownPackage())) {
            continue;
          }
          violations.addAll(writeSql(file, source, t.table()));
          violations.addAll(repositoryWrites(file, source, t.repository()));
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  /** SQL that changes the table (not a table named after it, such as {@code parcel_supply}). */
  static List<String> writeSql(Path file, String source, String table) {
    Pattern write =
        Pattern.compile(
            "(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO|TRUNCATE\\s+(TABLE\\s+)?)\\s*"
                + table
                + "(?![\\w])",
            Pattern.CASE_INSENSITIVE);
    List<String> out = new ArrayList<>();
    Matcher m = write.matcher(source);
    while (m.find()) {
      out.add(file + ": SQL \"" + m.group() + "\"");
    }
    return out;
  }

  /** Calls of the repository's write methods on a field or variable of its type. */
  static List<String> repositoryWrites(Path file, String source, String repository) {
    List<String> out = new ArrayList<>();
    Matcher declared = Pattern.compile(repository + "\\s+(\\w+)\\s*[;,)=]").matcher(source);
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    while (declared.find()) {
      names.add(declared.group(1)); // a field and its constructor parameter: once
    }
    for (String name : names) {
      Matcher call =
          Pattern.compile(
                  "\\b"
                      + Pattern.quote(name)
                      + "\\s*\\.\\s*(insert|insertAll|update|delete|deleteAll)\\s*\\(")
              .matcher(source);
      while (call.find()) {
        out.add(file + ": " + call.group());
      }
    }
    return out;
  }

  @Test
  void theCheckFindsWhatItLooksFor() {
    Path f = Path.of("X.java");
    assertThat(writeSql(f, "\"INSERT INTO parcel (scheme\"", "parcel")).hasSize(1);
    assertThat(writeSql(f, "\"UPDATE division SET name = ?\"", "division")).hasSize(1);
    assertThat(writeSql(f, "\"DELETE FROM parcel WHERE id = ?\"", "parcel")).hasSize(1);
    assertThat(writeSql(f, "\"UPDATE parcel_supply SET\"", "parcel")).isEmpty();
    assertThat(writeSql(f, "\"SELECT id FROM parcel\"", "parcel")).isEmpty();
    String source =
        "private final DivisionRepository divisions;\n void f() { divisions.insert(d); }";
    assertThat(repositoryWrites(f, source, "DivisionRepository")).hasSize(1);
    assertThat(repositoryWrites(f, "DivisionRepository d; d.find(x);", "DivisionRepository"))
        .isEmpty();
  }
}
