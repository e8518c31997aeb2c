package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Leaflet puts a string given to {@code bindTooltip} or {@code bindPopup} into the page as HTML;
 * names and problem details come from users and uploaded files, so the page passes DOM nodes built
 * with {@code el(tag, text)} (text only) instead. A static check of {@code web/*.js}.
 */
class TooltipTextTest {
  private static final Pattern CALL =
      Pattern.compile("\\.bind(Tooltip|Popup)\\(\\s*([^\\n]{0,40})");

  @Test
  void everyTooltipAndPopupIsGivenADomNodeNotAString() throws Exception {
    List<String> found = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("web"))) {
      for (Path js : files.filter(p -> p.toString().endsWith(".js")).toList()) {
        String source = Files.readString(js);
        Matcher m = CALL.matcher(source);
        while (m.find()) {
          String argument = m.group(2).strip();
          found.add(js.getFileName() + ": " + argument);
          if (!argument.matches("(\\(\\)\\s*=>\\s*)?el\\(.*") && !buildsANode(source, argument)) {
            bad.add(js.getFileName() + ": bind" + m.group(1) + "(" + argument + " …)");
          }
        }
      }
    }
    assertThat(found).hasSizeGreaterThanOrEqualTo(4);
    assertThat(buildsANode("function f(p) {\n  const box = el('div');\n  return box;\n}", "f(p)"))
        .isTrue();
    assertThat(buildsANode("function f(p) {\n  return `<b>${p}</b>`;\n}", "f(p)")).isFalse();
    assertThat(bad).as("tooltips given a string (read as HTML)").isEmpty();
  }

  /**
   * Whether the argument calls a function of the same file (directly or as {@code () => f(…)}) that
   * starts by making a node with {@code el(…)} and returns that node: a popup built from text-only
   * nodes, like {@code el} itself.
   */
  static boolean buildsANode(String source, String argument) {
    Matcher call = Pattern.compile("^(?:\\(\\)\\s*=>\\s*)?(\\w+)\\(").matcher(argument);
    if (!call.find()) {
      return false;
    }
    Matcher body =
        Pattern.compile(
                "function "
                    + call.group(1)
                    + "\\([^)]*\\) \\{\\n\\s*const (\\w+) = el\\((?s:.*?)\\n\\s*return (\\w+);\\n\\}")
            .matcher(source);
    return body.find() && body.group(1).equals(body.group(2));
  }
}
