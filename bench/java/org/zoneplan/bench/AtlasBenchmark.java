package org.zoneplan.bench;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.zoneplan.ZoneplanApplication;
import org.zoneplan.reports.Paper;
import org.zoneplan.reports.ReportOptions;
import org.zoneplan.reports.ReportService;

/**
 * Atlas benchmark (issue 11): the PDF atlas of every zone of {@code pujiang-2021} (the sample data
 * on a fresh embedded H2GIS store), A4 portrait with fitted scales and A3 landscape at 1:10,000,
 * after one warm-up; prints each round's time, the file size, the page count is in the file, and
 * the peak heap during the atlases.
 *
 * <p>Run: {@code mvn -B -Pbench -DskipTests test-compile exec:exec@bench-atlas} (forks {@code java
 * -Xmx512m}: the atlas must build within 512 MB of heap). Argument: rounds (default 3).
 */
public final class AtlasBenchmark {
  private AtlasBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path data = Files.createTempDirectory("zoneplan-bench-atlas");
    SpringApplication app = new SpringApplication(ZoneplanApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    app.setDefaultProperties(Map.of("logging.level.root", "WARN"));
    try (ConfigurableApplicationContext context =
        app.run("--zoneplan.store=h2gis", "--zoneplan.data-dir=" + data)) {
      ReportService reports = context.getBean(ReportService.class);
      Path out = data.resolve("atlas.pdf");
      List<ReportOptions> layouts =
          List.of(
              new ReportOptions(Paper.A4, false, null, null),
              new ReportOptions(Paper.A3, true, 10_000, null));
      for (ReportOptions o : layouts) {
        run(reports, o, out); // warm-up (fonts, indicators cache, JIT)
        List<Double> times = new ArrayList<>();
        long peak = 0;
        for (int r = 0; r < rounds; r++) {
          System.gc();
          resetPeaks();
          long start = System.nanoTime();
          run(reports, o, out);
          times.add((System.nanoTime() - start) / 1e9);
          peak = Math.max(peak, peakHeapBytes());
        }
        times.sort(null);
        System.out.printf(
            Locale.ROOT,
            "atlas pujiang-2021 %s %s scale %s: median %.2f s (rounds %s), %.0f kB, peak heap %.0f MB"
                + " (max heap %.0f MB)%n",
            o.paper(),
            o.landscape() ? "landscape" : "portrait",
            o.scale() == null ? "fitted" : "1:" + o.scale(),
            times.get(times.size() / 2),
            times,
            Files.size(out) / 1024.0,
            peak / 1048576.0,
            Runtime.getRuntime().maxMemory() / 1048576.0);
      }
    }
  }

  private static void run(ReportService reports, ReportOptions o, Path out) throws Exception {
    try (OutputStream stream = Files.newOutputStream(out)) {
      reports.atlas("pujiang-2021", o, stream);
    }
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
}
