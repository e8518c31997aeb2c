package org.zoneplan.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the main sources, read from their text (imports and qualified names), not
 * from a running application: no cycle among the {@code org.zoneplan} packages, the codecs and the
 * geometry free of Spring, and import and export apart, in the order of the data's flow (import →
 * store → analyse → tile → export).
 */
class PackageDependencyTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  // A reference to another package: an import, a static import, or a qualified name in the code.
  private static final Pattern ZONEPLAN_NAME =
      Pattern.compile("\\borg\\.zoneplan((?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");
  private static final Pattern SPRING = Pattern.compile("\\borg\\.springframework\\.");

  /** Package → the org.zoneplan packages its classes name. */
  private static final Map<String, Set<String>> GRAPH = new TreeMap<>();

  /** Package → its files that name org.springframework. */
  private static final Map<String, Set<String>> SPRING_USERS = new TreeMap<>();

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(PackageDependencyTest::readFile);
    }
    assertThat(GRAPH).as("packages read from " + MAIN.toAbsolutePath()).hasSizeGreaterThan(20);
  }

  private static void readFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher p = PACKAGE.matcher(text);
    if (!p.find()) {
      return;
    }
    String pkg = p.group(1);
    Set<String> uses = GRAPH.computeIfAbsent(pkg, k -> new TreeSet<>());
    // Comments name packages too ({@link org.zoneplan.x.Y}); only code counts.
    String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    Matcher m = ZONEPLAN_NAME.matcher(code);
    while (m.find()) {
      String used = "org.zoneplan" + m.group(1);
      if (!used.equals(pkg)) {
        uses.add(used);
      }
    }
    if (SPRING.matcher(code).find()) {
      SPRING_USERS.computeIfAbsent(pkg, k -> new TreeSet<>()).add(file.getFileName().toString());
    }
  }

  @Test
  void noPackageCycle() {
    assertThat(cycles()).as("package cycles (each a strongly connected set)").isEmpty();
  }

  @Test
  void codecsAndGeometryAreFreeOfSpring() {
    for (String pkg :
        List.of("org.zoneplan.codecs", "org.zoneplan.codecs.gis", "org.zoneplan.geo")) {
      assertThat(GRAPH).containsKey(pkg);
      assertThat(SPRING_USERS.getOrDefault(pkg, Set.of())).as(pkg + " naming Spring").isEmpty();
    }
  }

  @Test
  void codecsNameNoFeature() {
    for (String pkg : List.of("org.zoneplan.codecs", "org.zoneplan.codecs.gis")) {
      assertThat(GRAPH.get(pkg))
          .as(pkg + " uses")
          .allMatch(
              used -> used.startsWith("org.zoneplan.codecs") || used.equals("org.zoneplan.geo"));
    }
  }

  /** Import comes first in the flow, export last: neither names the other, import no later step. */
  @Test
  void importAndExportFollowTheFlow() {
    assertThat(GRAPH.get("org.zoneplan.imports"))
        .as("imports uses")
        .doesNotContain(
            "org.zoneplan.exports",
            "org.zoneplan.analysis",
            "org.zoneplan.tiles",
            "org.zoneplan.cli");
    assertThat(GRAPH.get("org.zoneplan.exports"))
        .as("exports uses")
        .doesNotContain("org.zoneplan.imports", "org.zoneplan.tiles", "org.zoneplan.cli");
    assertThat(GRAPH.get("org.zoneplan.store"))
        .as("store uses")
        .doesNotContain(
            "org.zoneplan.imports",
            "org.zoneplan.exports",
            "org.zoneplan.analysis",
            "org.zoneplan.tiles");
    assertThat(GRAPH.get("org.zoneplan.analysis"))
        .as("analysis uses")
        .doesNotContain("org.zoneplan.imports", "org.zoneplan.exports", "org.zoneplan.tiles");
    assertThat(GRAPH.get("org.zoneplan.tiles"))
        .as("tiles uses")
        .doesNotContain("org.zoneplan.imports", "org.zoneplan.exports");
  }

  /** Tarjan's strongly connected components of more than one package. */
  private static List<Set<String>> cycles() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> found = new ArrayList<>();
    int[] counter = {0};
    for (String v : GRAPH.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, index, low, stack, onStack, found, counter);
      }
    }
    return found;
  }

  private static void connect(
      String v,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> found,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : GRAPH.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, index, low, stack, onStack, found, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        found.add(component);
      }
    }
  }
}
