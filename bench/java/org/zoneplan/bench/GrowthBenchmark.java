package org.zoneplan.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.zoneplan.ZoneplanApplication;
import org.zoneplan.analysis.Concentration;
import org.zoneplan.analysis.ConcentrationCalculator;
import org.zoneplan.analysis.LandUseClassifier;
import org.zoneplan.analysis.ParcelIndex;
import org.zoneplan.analysis.PlanGeometry;
import org.zoneplan.analysis.ZoneShape;
import org.zoneplan.exports.ExportRequest;
import org.zoneplan.exports.ExportService;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.tiles.TileCoord;
import org.zoneplan.tiles.TileLayer;
import org.zoneplan.tiles.TileService;

/**
 * Growth (issue 16, point 5): the analysis, the tiles and the export at several parcel counts, each
 * count in its own forked JVM with the same explicit heap limit, printing time and heap of each
 * phase and the time's growth against n log n.
 *
 * <p>Run: {@code mvn -B -Pbench -DskipTests test-compile exec:exec@bench-growth
 * -Dbench.parcels=20000,200000,2000000 -Dbench.xmx=4g} (or {@code exec:java -Dbench=growth}). The
 * parcels are {@link GridCounty#jinhua}: a jittered grid at Pujiang's density in a rectangle over
 * Jinhua that grows with the count (the sample generator holds at most some 495,000 parcels in
 * Pujiang's outline). PostGIS comes from {@code ZONEPLAN_TEST_PG} or a throwaway cluster.
 *
 * <p>Per count, in the forked JVM (zoneplan's application context on a fresh PostGIS database, no
 * web server, sample zones without sample parcels):
 *
 * <ul>
 *   <li><b>load</b>: the parcels stored through {@link ParcelRepository#insertAll}, {@code
 *       ANALYZE};
 *   <li><b>analysis index</b>: {@link ParcelIndex} read from the store ({@code forEach}, as {@code
 *       AnalysisCache} builds it), and the heap it keeps (heap after a full GC with the index held,
 *       minus before);
 *   <li><b>concentration</b>: a cold {@link ConcentrationCalculator} (clip to the "county", the
 *       rectangle itself, rasters) over one synthetic zone per 10,000 parcels (a third of the
 *       area);
 *   <li><b>tiles</b>: every z14 parcel tile over the rectangle, rendered uncached in-process;
 *   <li><b>export</b>: every parcel to a zipped shapefile through {@link ExportService}.
 * </ul>
 *
 * <p>Each timed phase runs 3 times below 1,000,000 parcels (median), once above. Peak heap is the
 * heap pools' peak use during the phase (reset after a full GC before it): what the phase made the
 * collector hold, garbage included, so it depends on the heap limit; the retained figure does not.
 */
public final class GrowthBenchmark {
  private static final String PREFIX = "GROWTH ";

  private GrowthBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--one")) {
      one(Integer.parseInt(args[1]));
      return;
    }
    String list = args.length > 0 ? args[0] : System.getProperty("bench.parcels", "20000,200000");
    String xmx = args.length > 1 ? args[1] : System.getProperty("bench.xmx", "4g");
    int[] counts =
        Arrays.stream(list.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    System.out.printf(
        Locale.ROOT,
        "zoneplan growth benchmark: %s parcels, each in a JVM with -Xmx%s%n",
        list,
        xmx);
    AnalysisBenchmark.machine("start");
    Map<Integer, Map<String, Double>> results = new LinkedHashMap<>();
    for (int n : counts) {
      results.put(n, fork(n, xmx));
    }
    report(results, xmx);
  }

  // ---------------------------------------------------------------- driver

  private static Map<String, Double> fork(int n, String xmx) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-Xmx" + xmx,
            "-cp",
            classpath(),
            GrowthBenchmark.class.getName(),
            "--one",
            Integer.toString(n));
    System.out.printf(Locale.ROOT, "%n---- %,d parcels (forked JVM, -Xmx%s)%n", n, xmx);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Map<String, Double> figures = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith(PREFIX)) {
          String[] kv = line.substring(PREFIX.length()).split(" ");
          figures.put(kv[0], Double.parseDouble(kv[1]));
        } else {
          System.out.println("  | " + line);
        }
      }
    }
    int exit = p.waitFor();
    if (exit != 0) {
      System.out.printf(Locale.ROOT, "  the JVM for %,d parcels ended with %d%n", n, exit);
      figures.put("failed", (double) exit);
    }
    return figures;
  }

  /** The test classpath: exec:java runs us in a URLClassLoader, exec:exec with -classpath. */
  private static String classpath() {
    List<String> parts = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    while (loader != null) {
      if (loader instanceof URLClassLoader u) {
        for (URL url : u.getURLs()) {
          try {
            parts.add(new File(url.toURI()).getPath());
          } catch (Exception e) {
            parts.add(url.getPath());
          }
        }
      }
      loader = loader.getParent();
    }
    String own = System.getProperty("java.class.path", "");
    if (!own.isBlank()) {
      parts.addAll(Arrays.asList(own.split(File.pathSeparator)));
    }
    return String.join(File.pathSeparator, parts.stream().distinct().toList());
  }

  private static final String[][] PHASES = {
    {"load", "load into PostGIS"},
    {"index", "analysis: parcel index from the store"},
    {"concentration", "analysis: concentration, cold"},
    {"tiles", "tiles: every z14 tile, uncached"},
    {"export", "export: zipped shapefile"}
  };

  private static void report(Map<Integer, Map<String, Double>> results, String xmx) {
    System.out.println();
    System.out.printf(Locale.ROOT, "growth (each count in its own JVM, -Xmx%s)%n", xmx);
    int first = results.keySet().iterator().next();
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-40s", "parcels"));
    results.forEach(
        (n, f) -> head.append(String.format(Locale.ROOT, " %14s", String.format("%,d", n))));
    System.out.println(head);
    line(results, "parcels generated", "parcels", "%,.0f");
    for (String[] phase : PHASES) {
      line(results, phase[1] + ", s", phase[0] + ".ms", "%.2f", 1e-3);
      line(results, "  ÷ n log n, relative to " + String.format("%,d", first), phase[0], first);
      line(results, "  peak heap, MB", phase[0] + ".peakMB", "%,.0f");
    }
    line(results, "analysis index kept (after GC), MB", "index.retainedMB", "%,.0f");
    line(results, "  bytes a parcel", "index.bytesPerParcel", "%,.0f");
    line(results, "heap after GC, all loaded, MB", "heapAfterGcMB", "%,.0f");
    line(results, "tiles rendered", "tiles.count", "%,.0f");
    line(results, "export zip, MB", "export.MB", "%,.1f");
    line(results, "JVM resident peak (VmHWM), MB", "vmHwmMB", "%,.0f");
  }

  private static void line(
      Map<Integer, Map<String, Double>> results, String label, String key, String format) {
    line(results, label, key, format, 1);
  }

  private static void line(
      Map<Integer, Map<String, Double>> results,
      String label,
      String key,
      String format,
      double scale) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-40s", label));
    results.forEach(
        (n, f) -> {
          Double v = f.get(key);
          out.append(
              String.format(
                  Locale.ROOT,
                  " %14s",
                  v == null ? "—" : String.format(Locale.ROOT, format, v * scale)));
        });
    System.out.println(out);
  }

  /** time(n) / (n ln n), divided by the same for the first count: ≤ 1 grows no worse. */
  private static void line(
      Map<Integer, Map<String, Double>> results, String label, String phase, int first) {
    Double base = results.get(first).get(phase + ".ms");
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-40s", label));
    results.forEach(
        (n, f) -> {
          Double v = f.get(phase + ".ms");
          String cell = "—";
          if (v != null && base != null) {
            double r = (v / (n * Math.log(n))) / (base / (first * Math.log(first)));
            cell = String.format(Locale.ROOT, "%.2f", r);
          }
          out.append(String.format(Locale.ROOT, " %14s", cell));
        });
    System.out.println(out);
  }

  // ---------------------------------------------------------------- one count, in its JVM

  private static void one(int requested) throws Exception {
    GridCounty county = GridCounty.jinhua(requested);
    int reps = requested >= 1_000_000 ? 1 : 3;
    System.out.println(county.description());
    AnalysisBenchmark.machine("start");
    PostgisTestDatabase.Database db = PostgisTestDatabase.create("bench");
    SpringApplication application = new SpringApplication(ZoneplanApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setBannerMode(Banner.Mode.OFF);
    application.setLogStartupInfo(false);
    try (ConfigurableApplicationContext app =
            application.run(
                "--zoneplan.store=postgis",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--zoneplan.sample-data.parcels=0",
                "--zoneplan.analysis.warm-up=false",
                "--logging.level.root=WARN");
        Connection sql = db.connect()) {
      ParcelRepository repository = app.getBean(ParcelRepository.class);

      // ---- load
      long s = System.nanoTime();
      TileBenchmark.load(county, repository, sql);
      // written past ParcelService (no event): drop what was built from the parcels before, as an
      // import does (the analysis's parcel index, which the tiles read when it is built)
      app.publishEvent(new org.zoneplan.parcels.ParcelsChangedEvent(null));
      try (Statement st = sql.createStatement()) {
        st.execute("VACUUM ANALYZE parcel");
      }
      put("load.ms", AnalysisBenchmark.ms(s));
      long n = repository.count();
      put("parcels", n);

      // ---- analysis: the parcel index, and what it keeps
      long before = usedAfterGc();
      double[] times = new double[reps];
      long peak = 0;
      ParcelIndex index = null;
      for (int i = 0; i < reps; i++) {
        index = null;
        usedAfterGc();
        resetPeaks();
        s = System.nanoTime();
        ParcelIndex.Builder builder = ParcelIndex.builder();
        repository.forEach(builder::add);
        index = builder.build();
        times[i] = AnalysisBenchmark.ms(s);
        peak = Math.max(peak, peakHeap());
      }
      long kept = usedAfterGc() - before;
      AnalysisBenchmark.row("parcel index read from the store", times, "");
      put("index.ms", AnalysisBenchmark.median(times));
      put("index.peakMB", peak / 1048576.0);
      put("index.retainedMB", kept / 1048576.0);
      put("index.bytesPerParcel", (double) kept / index.size());
      System.out.printf(
          Locale.ROOT,
          "  the index keeps %,.0f MB of heap for %,d parcels (%,.0f bytes a parcel)%n",
          kept / 1048576.0,
          index.size(),
          (double) kept / index.size());

      // ---- analysis: concentration, cold
      Envelope e = county.extent();
      Geometry outline = Cgcs2000.GEOMETRY_FACTORY.toGeometry(e);
      List<ZoneShape> zones = zones(e, (int) Math.max(4, n / 10_000));
      times = new double[reps];
      peak = 0;
      Concentration result = null;
      for (int i = 0; i < reps; i++) {
        usedAfterGc();
        resetPeaks();
        s = System.nanoTime();
        IntPredicate industrial =
            ConcentrationCalculator.industrial(index, LandUseClassifier.defaults(), false);
        ConcentrationCalculator calculator =
            new ConcentrationCalculator(index, industrial, outline);
        result = calculator.compute(PlanGeometry.of(zones));
        times[i] = AnalysisBenchmark.ms(s);
        peak = Math.max(peak, peakHeap());
      }
      AnalysisBenchmark.row(
          "concentration + breakdown, cold (" + zones.size() + " zones)", times, "");
      System.out.printf(
          Locale.ROOT,
          "  ratio %.6f = %.0f m² inside ÷ %.0f m², %,d industrial parcels%n",
          result.ratio(),
          result.industrialInsideM2(),
          result.industrialTotalM2(),
          result.parcelsCounted());
      put("concentration.ms", AnalysisBenchmark.median(times));
      put("concentration.peakMB", peak / 1048576.0);
      put("heapAfterGcMB", usedAfterGc() / 1048576.0);

      // ---- tiles: every z14 tile, uncached (the index stays held, as in the server)
      TileService tiles = app.getBean(TileService.class);
      List<TileCoord> z14 = TileBenchmark.tilesOver(e, 14);
      times = new double[reps];
      peak = 0;
      long bytes = 0;
      for (int i = 0; i < reps; i++) {
        usedAfterGc();
        resetPeaks();
        bytes = 0;
        s = System.nanoTime();
        for (TileCoord t : z14) {
          byte[] mvt = tiles.renderMvt(TileLayer.PARCELS, "", t);
          bytes += mvt == null ? 0 : mvt.length;
        }
        times[i] = AnalysisBenchmark.ms(s);
        peak = Math.max(peak, peakHeap());
      }
      AnalysisBenchmark.row(
          String.format(
              Locale.ROOT, "%,d z14 tiles (%.1f KB each)", z14.size(), bytes / 1024.0 / z14.size()),
          times,
          "");
      put("tiles.ms", AnalysisBenchmark.median(times));
      put("tiles.peakMB", peak / 1048576.0);
      put("tiles.count", z14.size());

      // ---- export
      ExportService exports = app.getBean(ExportService.class);
      ExportRequest request =
          ExportRequest.parse(
              "pujiang-2021", "parcels", "shapefile", "EPSG:4490", "UTF-8", null, null);
      Path file = Files.createTempFile("zoneplan-growth", ".zip");
      times = new double[reps];
      peak = 0;
      try {
        for (int i = 0; i < reps; i++) {
          usedAfterGc();
          resetPeaks();
          s = System.nanoTime();
          try (OutputStream out = Files.newOutputStream(file)) {
            exports.export(request, out);
          }
          times[i] = AnalysisBenchmark.ms(s);
          peak = Math.max(peak, peakHeap());
        }
        AnalysisBenchmark.row(
            String.format(Locale.ROOT, "export, zipped shapefile (%,d bytes)", Files.size(file)),
            times,
            "");
        put("export.MB", Files.size(file) / 1048576.0);
      } finally {
        Files.deleteIfExists(file);
      }
      put("export.ms", AnalysisBenchmark.median(times));
      put("export.peakMB", peak / 1048576.0);
      if (index.size() != n) {
        throw new IllegalStateException("index holds " + index.size() + " of " + n + " parcels");
      }
    }
    put("vmHwmMB", vmHwmKb() / 1024.0);
    AnalysisBenchmark.machine("end");
  }

  /**
   * {@code k} rectangles in a grid over the box, together a third of its area: industrial parcels
   * inside them and outside, some cut by their edges.
   */
  private static List<ZoneShape> zones(Envelope e, int k) {
    int across = (int) Math.ceil(Math.sqrt(k));
    double w = e.getWidth() / across;
    double h = e.getHeight() / across;
    double f = Math.sqrt(1.0 / 3); // side fraction: a third of each cell's area
    List<ZoneShape> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double x = e.getMinX() + (i % across) * w + w * (1 - f) / 2;
      double y = e.getMinY() + (i / across) * h + h * (1 - f) / 2;
      Geometry g = Cgcs2000.GEOMETRY_FACTORY.toGeometry(new Envelope(x, x + w * f, y, y + h * f));
      out.add(ZoneShape.of("Z" + i, null, g));
    }
    return out;
  }

  private static void put(String key, double value) {
    System.out.println(PREFIX + key + " " + value);
  }

  private static long usedAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** The JVM's peak resident set, kB, from /proc (0 where there is none). */
  private static long vmHwmKb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return 0;
  }
}
