package org.zoneplan.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.zoneplan.ZoneplanApplication;
import org.zoneplan.exports.ExportRequest;
import org.zoneplan.exports.ExportService;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * Export benchmark: 200,000 parcels in PostGIS to a zipped shapefile (EPSG:4490, UTF-8), by
 * zoneplan and by GDAL's {@code ogr2ogr} (writing {@code .shp.zip} straight from the same table),
 * in the same run, alternately, after one warm-up of each. Prints both median times, the ratio
 * (goal: at most 1.0) and zoneplan's peak heap during its exports.
 *
 * <p>Run: {@code mvn -B -Pbench -DskipTests verify} (forks {@code java -Xmx512m}, so the export
 * must also fit in 512 MB of heap). Arguments: parcel count (default 200000), rounds (default 3).
 * PostGIS comes from {@code ZONEPLAN_TEST_PG} or a throwaway cluster, as for the tests.
 */
public final class ExportBenchmark {
  private ExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    BenchParcels source = new GridParcels();

    PostgisTestDatabase.Database database = PostgisTestDatabase.create("bench");
    String url =
        database.jdbcUrl()
            + (database.jdbcUrl().contains("?") ? "&" : "?")
            + "reWriteBatchedInserts=true";
    SpringApplication app = new SpringApplication(ZoneplanApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    app.setDefaultProperties(Map.of("logging.level.root", "WARN"));
    try (ConfigurableApplicationContext context =
        app.run(
            "--zoneplan.store=postgis",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password())) {
      ParcelRepository parcels = context.getBean(ParcelRepository.class);
      long t0 = System.nanoTime();
      List<Parcel> generated = source.generate(count);
      for (int i = 0; i < generated.size(); i += 10_000) {
        parcels.insertAll(generated.subList(i, Math.min(generated.size(), i + 10_000)));
      }
      generated = null;
      System.out.printf(
          Locale.ROOT,
          "loaded %,d parcels into PostGIS in %.1f s (%s)%n",
          parcels.count(),
          seconds(System.nanoTime() - t0),
          source.getClass().getSimpleName());
      vacuum(database);

      ExportService exports = context.getBean(ExportService.class);
      ExportRequest request =
          ExportRequest.parse(
              "pujiang-2021", "parcels", "shapefile", "EPSG:4490", "UTF-8", null, null);
      Path dir = Files.createTempDirectory("zoneplan-bench");
      Path ours = dir.resolve("zoneplan-parcels.zip");
      Path theirs = dir.resolve("ogr2ogr-parcels.shp.zip");
      String pg = gdalConnection(database);

      // warm-up (JIT, page cache)
      zoneplan(exports, request, ours);
      ogr2ogr(pg, theirs);

      List<Double> zoneplanTimes = new ArrayList<>();
      List<Double> gdalTimes = new ArrayList<>();
      long peakHeap = 0;
      for (int r = 0; r < rounds; r++) {
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        zoneplan(exports, request, ours);
        zoneplanTimes.add(seconds(System.nanoTime() - start));
        peakHeap = Math.max(peakHeap, peakHeapBytes());
        start = System.nanoTime();
        ogr2ogr(pg, theirs);
        gdalTimes.add(seconds(System.nanoTime() - start));
      }
      double z = median(zoneplanTimes);
      double g = median(gdalTimes);
      System.out.printf(
          Locale.ROOT, "zoneplan: %.2f s %s, %,d bytes%n", z, zoneplanTimes, Files.size(ours));
      System.out.printf(
          Locale.ROOT, "ogr2ogr:  %.2f s %s, %,d bytes%n", g, gdalTimes, Files.size(theirs));
      System.out.printf(Locale.ROOT, "ratio zoneplan / ogr2ogr: %.2f (goal: at most 1.0)%n", z / g);
      System.out.printf(
          Locale.ROOT,
          "zoneplan peak heap during export: %.0f MB (max heap %.0f MB)%n",
          peakHeap / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576.0);
      Files.deleteIfExists(ours);
      Files.deleteIfExists(theirs);
      Files.deleteIfExists(dir);
    }
  }

  private static void zoneplan(ExportService exports, ExportRequest request, Path file)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      exports.export(request, out);
    }
  }

  private static void ogr2ogr(String pg, Path file) throws IOException, InterruptedException {
    Files.deleteIfExists(file);
    Path log = Files.createTempFile("ogr2ogr", ".log");
    Process p =
        new ProcessBuilder(
                "ogr2ogr",
                "-f",
                "ESRI Shapefile",
                "-lco",
                "ENCODING=UTF-8",
                file.toString(),
                pg,
                "parcel")
            .redirectOutput(log.toFile())
            .redirectErrorStream(true)
            .start();
    // (its warnings about shortened field names are expected: the DBF's 10-byte limit)
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("ogr2ogr failed: " + Files.readString(log));
    }
    Files.delete(log);
  }

  private static void vacuum(PostgisTestDatabase.Database database) throws Exception {
    try (var c = database.connect();
        var s = c.createStatement()) {
      s.execute("VACUUM ANALYZE parcel");
    }
  }

  private static String gdalConnection(PostgisTestDatabase.Database database) {
    Properties p = org.postgresql.Driver.parseURL(database.jdbcUrl(), new Properties());
    return "PG:host="
        + p.getProperty("PGHOST")
        + " port="
        + p.getProperty("PGPORT")
        + " dbname="
        + p.getProperty("PGDBNAME")
        + " user="
        + database.username()
        + (database.password().isEmpty() ? "" : " password=" + database.password());
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
