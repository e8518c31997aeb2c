package org.zoneplan.parks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.sample.HangzhouDivisionLoader;
import org.zoneplan.system.Actors;
import org.zoneplan.system.SampleDataEnabled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 滨富 and 滨萧 cooperation parks as sample data, written by {@code system} through the checked
 * {@link ParkService#create} when the store holds no park (first start), only with {@code
 * zoneplan.sample-data.enabled}; Hangzhou's districts are loaded first ({@link
 * HangzhouDivisionLoader}).
 *
 * <ul>
 *   <li>Figures: every row of {@code sample/hangzhou-cooperation-parks.csv} (a copy of {@code
 *       ../shared/domain/hangzhou-cooperation-parks.csv}) of the park, value as its text (32.0
 *       stays 32.0), unit, period and source phrase verbatim (traditional characters kept). The
 *       source states a series in one phrase ("2021-2023年實現固投32.0億元、43.9億元、44.8億元") and the csv
 *       leaves the phrase empty on the series' later rows: those figures carry the series' phrase,
 *       which is the sentence that states them. The row "(both parks)" (116 亩 of 2024 quota for
 *       高新区(滨江)) is a quota grant, in the ledger ({@code quota.QuotaSampleLoader}), not a park
 *       figure.
 *   <li>Boundaries: <b>illustrative</b> (示意), from {@code sample/hangzhou-parks.geojson}: inside
 *       the host district near 滨江; flagged {@code illustrative} and described in {@code
 *       boundaryNote}.
 *   <li>Sharing: 两两共享 (ALL_SHARED): figures are counted by territory (属地) and shared in assessment,
 *       as the parks' report says ("按属地原则进行统计核算,在指标考核时共享共用数据", quoted by issue 14). The revenue
 *       split by landing mode the report mentions has no published numbers, so no split is made up.
 * </ul>
 */
@Component
@SampleDataEnabled
class ParkSampleLoader implements SmartInitializingSingleton {
  static final String CSV = "classpath:sample/hangzhou-cooperation-parks.csv";
  static final String BOUNDARIES = "classpath:sample/hangzhou-parks.geojson";
  static final String PROMOTER_CODE = "330108";
  static final String SOURCE =
      "滨富、滨萧特别合作园(区)工作情况 (figures to 2024-06; shared/domain/hangzhou-cooperation-parks.csv)";
  static final String SHARING_NOTE = "按属地原则进行统计核算,在指标考核时共享共用数据";

  /** csv park name → id, English name. */
  static final Map<String, String[]> PARKS =
      Map.of(
          "滨富特别合作区", new String[] {"binfu", "Binjiang–Fuyang special cooperation zone"},
          "滨萧特别合作园", new String[] {"binxiao", "Binjiang–Xiaoshan special cooperation park"});

  private static final Logger log = LoggerFactory.getLogger(ParkSampleLoader.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ResourceLoader resources;
  private final ParkRepository parks;
  private final ParkService service;
  private final HangzhouDivisionLoader hangzhou;
  private final TransactionTemplate transaction;

  ParkSampleLoader(
      ResourceLoader resources,
      ParkRepository parks,
      ParkService service,
      HangzhouDivisionLoader hangzhou,
      TransactionTemplate transaction) {
    this.resources = resources;
    this.parks = parks;
    this.service = service;
    this.hangzhou = hangzhou;
    this.transaction = transaction;
  }

  @Override
  public void afterSingletonsInstantiated() {
    hangzhou.ensureLoaded();
    if (parks.count() > 0) {
      return;
    }
    List<ObjectNode> bodies = bodies();
    Actors.runAs(
        Actors.SYSTEM,
        () -> transaction.executeWithoutResult(status -> bodies.forEach(service::create)));
    log.info("Loaded {} sample cooperation parks (illustrative boundaries)", bodies.size());
  }

  /** The parks as API bodies, in the csv's order. */
  List<ObjectNode> bodies() {
    JsonNode boundaries = read(BOUNDARIES);
    Map<String, JsonNode> geometryById = new HashMap<>();
    for (JsonNode f : boundaries.get("features")) {
      geometryById.put(f.get("id").asString(), f.get("geometry"));
    }
    String boundaryNote = boundaries.get("note").asString();
    Map<String, ObjectNode> byName = new LinkedHashMap<>();
    Map<String, String> lastPhrase = new HashMap<>();
    for (String[] row : csv()) {
      String park = row[0];
      if (!PARKS.containsKey(park)) {
        continue; // "(both parks)": the quota grant, see the class comment
      }
      ObjectNode body =
          byName.computeIfAbsent(
              park,
              name -> {
                String[] ids = PARKS.get(name);
                ObjectNode b = JSON.createObjectNode();
                b.put("id", ids[0]);
                b.put("name", name);
                b.put("nameEn", ids[1]);
                ObjectNode promoter = b.putObject("promoter");
                promoter.put("name", row[1]);
                promoter.put("code", PROMOTER_CODE);
                b.putArray("hosts").add(row[3]);
                b.set("geometry", geometryById.get(ids[0]));
                b.put("illustrative", true);
                b.put("boundaryNote", "示意边界, 非官方 (illustrative, not official). " + boundaryNote);
                ObjectNode rule = b.putObject("sharingRule");
                rule.put("kind", SharingRule.Kind.ALL_SHARED.name());
                rule.put("label", "两两共享");
                rule.put("note", SHARING_NOTE);
                b.put("source", SOURCE);
                b.putArray("figures");
                return b;
              });
      String key = park + "/" + row[4];
      String phrase = row[8].isBlank() ? lastPhrase.get(key) : row[8];
      lastPhrase.put(key, phrase);
      ObjectNode figure = ((ArrayNode) body.get("figures")).addObject();
      figure.put("item", row[4]);
      figure.put("period", row[5]);
      figure.put("value", row[6]); // as text: the published scale is kept
      figure.put("unit", row[7]);
      figure.put("sourcePhrase", phrase);
    }
    return List.copyOf(byName.values());
  }

  /** The csv's rows without the header; it has no quoted fields. */
  private List<String[]> csv() {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                resources.getResource(CSV).getInputStream(), StandardCharsets.UTF_8))) {
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 9) {
          throw new IllegalStateException("sample park csv: 9 fields expected in \"" + line + "\"");
        }
        rows.add(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CSV, e);
    }
    return rows;
  }

  private JsonNode read(String location) {
    try (InputStream in = resources.getResource(location).getInputStream()) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location, e);
    }
  }
}
