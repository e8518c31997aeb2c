package org.zoneplan.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.exchange.ShapefileReader;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.GeometryRepair;
import org.zoneplan.system.Actors;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;

/**
 * Loads the Pujiang sample data (shipped in the jar under {@code sample/}, from the project's
 * {@code data/shapefiles/}) on the first start of an empty store, in one transaction. County
 * outlines are repaired (their rings self-intersect) and the repair is recorded on the division.
 */
@Component
@ConditionalOnProperty(
    name = "zoneplan.sample-data.enabled",
    havingValue = "true",
    matchIfMissing = true)
class SampleDataLoader implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);
  private static final String[] SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg"};

  private final ResourceLoader resources;
  private final ZoneRepository zoneRepository;
  private final ZoneService zones;
  private final DivisionRepository divisions;
  private final TransactionTemplate transaction;

  SampleDataLoader(
      ResourceLoader resources,
      ZoneRepository zoneRepository,
      ZoneService zones,
      DivisionRepository divisions,
      TransactionTemplate transaction) {
    this.resources = resources;
    this.zoneRepository = zoneRepository;
    this.zones = zones;
    this.divisions = divisions;
    this.transaction = transaction;
  }

  /** Runs before the web server starts, so the first request already sees the sample data. */
  @Override
  public void afterSingletonsInstantiated() {
    try {
      load();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot load the sample data", e);
    }
  }

  void load() throws IOException {
    if (!zoneRepository.isEmpty()) {
      return;
    }
    Path dir = Files.createTempDirectory("zoneplan-sample");
    try {
      List<PlanVersion> plans = readPlans();
      List<ShapefileReader.Row> zoneRows = readShapefile(dir, "zones");
      List<ShapefileReader.Row> divisionRows = readShapefile(dir, "divisions");
      List<String[]> towns = readCsv("towns.csv");
      Actors.runAs(
          Actors.SYSTEM,
          () ->
              transaction.executeWithoutResult(
                  status -> {
                    plans.forEach(zoneRepository::insertPlan);
                    insertZones(zoneRows);
                    insertDivisions(divisionRows, towns);
                  }));
      log.info(
          "Loaded sample data: {} plan versions, {} zones, {} county outlines, {} towns",
          plans.size(),
          zoneRows.size(),
          divisionRows.size(),
          towns.size());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Parents before children, so every parent exists when its child is created. */
  private void insertZones(List<ShapefileReader.Row> rows) {
    Map<String, List<ShapefileReader.Row>> byPlan = new LinkedHashMap<>();
    rows.forEach(r -> byPlan.computeIfAbsent(text(r, "PLAN"), k -> new ArrayList<>()).add(r));
    byPlan.forEach(
        (planId, planRows) -> {
          Map<String, ShapefileReader.Row> byCode = new HashMap<>();
          planRows.forEach(r -> byCode.put(text(r, "CODE"), r));
          planRows.stream()
              .sorted(Comparator.comparingInt(r -> depth(r, byCode)))
              .forEach(r -> zones.create(planId, text(r, "CODE"), draft(r)));
        });
  }

  private static int depth(ShapefileReader.Row row, Map<String, ShapefileReader.Row> byCode) {
    int depth = 0;
    for (String parent = text(row, "PARENT");
        parent != null && byCode.containsKey(parent) && depth < 100;
        parent = text(byCode.get(parent), "PARENT")) {
      depth++;
    }
    return depth;
  }

  private static ZoneDraft draft(ShapefileReader.Row row) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    putIfPresent(attributes, "nameEn", text(row, "NAME_EN"));
    putIfPresent(attributes, "leadingIndustries", text(row, "INDUSTRY"));
    putIfPresent(attributes, "note", text(row, "NOTE"));
    GeometryRepair.Result repaired = GeometryRepair.repair(row.geometry());
    if (repaired.repaired()) {
      attributes.put("repairNote", repaired.report());
    }
    return new ZoneDraft(
        text(row, "NAME"),
        ZoneKind.valueOf(text(row, "KIND")),
        text(row, "PARENT"),
        text(row, "MANAGEDBY"),
        attributes,
        repaired.geometry());
  }

  private void insertDivisions(List<ShapefileReader.Row> rows, List<String[]> towns) {
    for (ShapefileReader.Row row : rows) {
      GeometryRepair.Result repaired = GeometryRepair.repair(row.geometry());
      if (repaired.repaired()) {
        log.info(
            "Repaired outline of {} {}: {}",
            text(row, "CODE"),
            text(row, "NAME"),
            repaired.report());
      }
      divisions.insert(
          new Division(
              text(row, "CODE"),
              text(row, "NAME"),
              text(row, "LEVEL"),
              text(row, "PARENT"),
              repaired.geometry(),
              AreaFigures.of(repaired.geometry()),
              repaired.repaired() ? repaired.report() : null));
    }
    // Towns: official codes and names; no outline is published, so no geometry.
    for (String[] town : towns) {
      divisions.insert(new Division(town[0], town[1], "TOWN", town[2], null, null, null));
    }
  }

  private List<PlanVersion> readPlans() throws IOException {
    return readCsv("plans.csv").stream()
        .map(f -> new PlanVersion(f[0], f[1], LocalDate.parse(f[2]), PlanStatus.valueOf(f[3])))
        .toList();
  }

  private List<ShapefileReader.Row> readShapefile(Path dir, String name) throws IOException {
    for (String part : SHAPEFILE_PARTS) {
      try (InputStream in = resource(name + part).getInputStream()) {
        Files.copy(in, dir.resolve(name + part), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    String encoding =
        Files.readString(dir.resolve(name + ".cpg"), StandardCharsets.US_ASCII).strip();
    return ShapefileReader.read(dir.resolve(name + ".shp"), encoding);
  }

  /** Rows of a simple UTF-8 CSV without quoted commas, header skipped. */
  private List<String[]> readCsv(String name) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(resource(name).getInputStream(), StandardCharsets.UTF_8))) {
      return reader.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }
  }

  private Resource resource(String name) throws IOException {
    Resource resource = resources.getResource("classpath:sample/" + name);
    if (!resource.exists()) {
      throw new IOException("sample data file missing from the classpath: sample/" + name);
    }
    return resource;
  }

  private static String text(ShapefileReader.Row row, String field) {
    Object value = row.attributes().get(field);
    if (value == null) {
      return null;
    }
    String s = value.toString().strip();
    return s.isEmpty() ? null : s;
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
