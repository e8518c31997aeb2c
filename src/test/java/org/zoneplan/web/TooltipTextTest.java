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
        Matcher m = CALL.matcher(Files.readString(js));
        while (m.find()) {
          String argument = m.group(2).strip();
          found.add(js.getFileName() + ": " + argument);
          if (!argument.matches("(\\(\\)\\s*=>\\s*)?el\\(.*")) {
            bad.add(js.getFileName() + ": bind" + m.group(1) + "(" + argument + " …)");
          }
        }
      }
    }
    assertThat(found).hasSizeGreaterThanOrEqualTo(4);
    assertThat(bad).as("tooltips given a string (read as HTML)").isEmpty();
  }
}
