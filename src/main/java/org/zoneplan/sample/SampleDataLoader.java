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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionService;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.GeometryRepair;
import org.zoneplan.indicators.QuarterStatisticsRepository;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelService;
import org.zoneplan.parcels.ParcelSupply;
import org.zoneplan.parcels.ParcelSupplyRepository;
import org.zoneplan.system.Actors;
import org.zoneplan.system.SampleDataEnabled;
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
 * Land parcels are generated in Pujiang by {@link ParcelGenerator} ({@code
 * zoneplan.sample-data.parcels} of them, seed {@code zoneplan.sample-data.parcel-seed}), dense in
 * the union of the leaf zones of both plan versions. Their enterprises, land links, statistics of
 * 2021–2024 and land-supply records come from {@link EnterpriseGenerator} (same seed), and the
 * parcels' own enterprise fields from each owner's 2024 figures, and quarterly figures of those
 * years from {@link QuarterGenerator}; all of it illustrative.
 */
@Component
@SampleDataEnabled
class SampleDataLoader implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);
  private static final String[] SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg"};

  /** The county the sample parcels are generated in: 浦江县. */
  static final String PARCEL_COUNTY = "330726";

  private final ResourceLoader resources;
  private final ZoneRepository zoneRepository;
  private final ZoneService zones;
  private final DivisionService divisions;
  private final ParcelService parcels;
  private final EnterpriseRepository enterprises;
  private final ParcelSupplyRepository parcelSupply;
  private final QuarterStatisticsRepository quarters;
  private final TransactionTemplate transaction;
  private final int parcelCount;
  private final long parcelSeed;

  SampleDataLoader(
      ResourceLoader resources,
      ZoneRepository zoneRepository,
      ZoneService zones,
      DivisionService divisions,
      ParcelService parcels,
      EnterpriseRepository enterprises,
      ParcelSupplyRepository parcelSupply,
      QuarterStatisticsRepository quarters,
      TransactionTemplate transaction,
      @Value("${zoneplan.sample-data.parcels:20000}") int parcelCount,
      @Value("${zoneplan.sample-data.parcel-seed:" + ParcelGenerator.DEFAULT_SEED + "}")
          long parcelSeed) {
    if (parcelCount < 0) {
      throw new IllegalArgumentException(
          "zoneplan.sample-data.parcels must be 0 or more, was " + parcelCount);
    }
    this.resources = resources;
    this.zoneRepository = zoneRepository;
    this.zones = zones;
    this.divisions = divisions;
    this.parcels = parcels;
    this.enterprises = enterprises;
    this.parcelSupply = parcelSupply;
    this.quarters = quarters;
    this.transaction = transaction;
    this.parcelCount = parcelCount;
    this.parcelSeed = parcelSeed;
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
      List<GeometryRepair.Result> outlines =
          divisionRows.stream().map(r -> GeometryRepair.repair(r.geometry())).toList();
      List<Parcel> generatedParcels = generateParcels(zoneRows, divisionRows, outlines);
      EnterpriseGenerator.Sample firms = generateEnterprises(generatedParcels, zoneRows);
      List<Parcel> sampleParcels = generatedParcels;
      long start = System.nanoTime();
      Actors.runAs(
          Actors.SYSTEM,
          () ->
              transaction.executeWithoutResult(
                  status -> {
                    plans.forEach(zoneRepository::insertPlan);
                    insertZones(zoneRows);
                    insertDivisions(divisionRows, outlines, towns);
                    long parcelStart = System.nanoTime();
                    List<Long> ids = insertParcels(sampleParcels);
                    log.info(
                        "Stored {} sample parcels in {} ms",
                        ids.size(),
                        (System.nanoTime() - parcelStart) / 1_000_000);
                    insertEnterprises(firms, ids);
                  }));
      log.info(
          "Loaded sample data in {} ms: {} plan versions, {} zones, {} county outlines, {} towns, {}"
              + " parcels, {} enterprises (illustrative), {} statistics rows",
          (System.nanoTime() - start) / 1_000_000,
          plans.size(),
          zoneRows.size(),
          divisionRows.size(),
          towns.size(),
          sampleParcels.size(),
          firms == null ? 0 : firms.enterprises().size(),
          firms == null ? 0 : firms.statistics().size());
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
    String codes = text(row, "IND_CODES");
    if (codes != null) {
      // GB/T 4754-2017 classes, e.g. "3825,3975,3491" → ["3825", "3975", "3491"]
      attributes.put(
          "leadingIndustryCodes",
          Stream.of(codes.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList());
    }
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

  private void insertDivisions(
      List<ShapefileReader.Row> rows, List<GeometryRepair.Result> outlines, List<String[]> towns) {
    for (int k = 0; k < rows.size(); k++) {
      ShapefileReader.Row row = rows.get(k);
      GeometryRepair.Result repaired = outlines.get(k);
      if (repaired.repaired()) {
        log.info(
            "Repaired outline of {} {}: {}",
            text(row, "CODE"),
            text(row, "NAME"),
            repaired.report());
      }
      divisions.save(
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
      divisions.save(new Division(town[0], town[1], "TOWN", town[2], null, null, null));
    }
  }

  /**
   * Generates the sample parcels in Pujiang's repaired outline, dense in the union of the leaf
   * zones (those that are no zone's parent) of every plan version.
   */
  private List<Parcel> generateParcels(
      List<ShapefileReader.Row> zoneRows,
      List<ShapefileReader.Row> divisionRows,
      List<GeometryRepair.Result> outlines) {
    if (parcelCount == 0) {
      return List.of();
    }
    MultiPolygon county = null;
    for (int k = 0; k < divisionRows.size(); k++) {
      if (PARCEL_COUNTY.equals(text(divisionRows.get(k), "CODE"))) {
        county = outlines.get(k).geometry();
      }
    }
    if (county == null) {
      throw new IllegalStateException("sample divisions lack county " + PARCEL_COUNTY);
    }
    Set<String> parents = new HashSet<>();
    zoneRows.forEach(r -> parents.add(text(r, "PLAN") + "/" + text(r, "PARENT")));
    List<Geometry> leaves = new ArrayList<>();
    for (ShapefileReader.Row row : zoneRows) {
      if (!parents.contains(text(row, "PLAN") + "/" + text(row, "CODE"))) {
        leaves.add(GeometryRepair.repair(row.geometry()).geometry());
      }
    }
    long start = System.nanoTime();
    List<Parcel> generated =
        ParcelGenerator.generate(county, OverlayNGRobust.union(leaves), parcelCount, parcelSeed);
    log.info(
        "Generated {} sample parcels in {} (seed {}) in {} ms",
        generated.size(),
        PARCEL_COUNTY,
        parcelSeed,
        (System.nanoTime() - start) / 1_000_000);
    return generated;
  }

  /** Inserts the parcels; returns their store ids, in the order given. */
  private List<Long> insertParcels(List<Parcel> generated) {
    if (generated.isEmpty()) {
      return List.of();
    }
    ParcelService.Batch batch = parcels.batch();
    List<Long> ids = batch.insertAllReturningIds(generated);
    batch.finish();
    return ids;
  }

  /**
   * The sample enterprises on the generated parcels, by the zones of plan {@link
   * EnterpriseGenerator#PLAN}; null when no parcels are generated.
   */
  private EnterpriseGenerator.Sample generateEnterprises(
      List<Parcel> generated, List<ShapefileReader.Row> zoneRows) {
    if (generated.isEmpty()) {
      return null;
    }
    Map<String, Geometry> planZones = new LinkedHashMap<>();
    for (ShapefileReader.Row row : zoneRows) {
      if (EnterpriseGenerator.PLAN.equals(text(row, "PLAN"))) {
        planZones.put(text(row, "CODE"), GeometryRepair.repair(row.geometry()).geometry());
      }
    }
    long start = System.nanoTime();
    EnterpriseGenerator.Sample sample =
        EnterpriseGenerator.generate(generated, planZones, parcelSeed);
    log.info(
        "Generated {} sample enterprises (illustrative), {} land links, {} statistics rows, {}"
            + " supply records in {} ms",
        sample.enterprises().size(),
        sample.links().size(),
        sample.statistics().size(),
        sample.supplies().size(),
        (System.nanoTime() - start) / 1_000_000);
    return sample;
  }

  /** Stores the enterprises, mapping the generator's parcel positions to store ids. */
  private void insertEnterprises(EnterpriseGenerator.Sample sample, List<Long> ids) {
    if (sample == null) {
      return;
    }
    if (!enterprises.codes().isEmpty()) {
      log.warn("The store holds enterprises already: the sample enterprises are not loaded");
      return;
    }
    long start = System.nanoTime();
    enterprises.upsertAll(sample.enterprises(), Set.of());
    long t1 = System.nanoTime();
    // Insert-only: the store was empty (a first load), so nothing needs replacing.
    enterprises.insertLinks(
        sample.links().stream()
            .map(
                l -> new LandLink(l.creditCode(), ids.get((int) l.parcelId()), l.role(), l.share()))
            .toList());
    long t2 = System.nanoTime();
    enterprises.insertStatistics(sample.statistics());
    // Illustrative quarters (cumulative, Q4 = the year), noted as such in every row.
    quarters.upsert(
        QuarterGenerator.generate(sample.statistics(), parcelSeed), QuarterGenerator.NOTE);
    long t3 = System.nanoTime();
    parcelSupply.insertAll(
        sample.supplies().stream()
            .map(
                s ->
                    new ParcelSupply(
                        ids.get((int) s.parcelId()),
                        s.supplyDate(),
                        s.supplyMethod(),
                        s.supplied(),
                        s.built(),
                        s.completionDate(),
                        s.floorAreaM2(),
                        s.footprintM2(),
                        s.idle(),
                        s.idleSince()))
            .toList());
    long t4 = System.nanoTime();
    log.info(
        "Stored sample enterprises in {} ms, links {} ms, statistics {} ms, supply {} ms",
        (t1 - start) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000,
        (t4 - t3) / 1_000_000);
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
