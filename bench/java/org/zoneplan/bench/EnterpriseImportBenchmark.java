package org.zoneplan.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.zoneplan.ZoneplanApplication;
import org.zoneplan.codecs.XlsxTableWriter;
import org.zoneplan.enterprises.EnterpriseImportService;
import org.zoneplan.enterprises.TableImportReport;
import org.zoneplan.parcels.CreditCode;

/**
 * Import benchmark: 100,000 annual statistics rows (25,000 enterprises × 2021–2024, Chinese
 * headers, 企业名称 given so that the import creates the enterprises) imported from CSV (UTF-8) and
 * from .xlsx through the same path, {@link EnterpriseImportService#importFile} (what {@code POST
 * /api/enterprises/import?table=statistics} calls after the upload), each into a fresh embedded
 * H2GIS store (a new data folder and application context). Two workbooks: one written by zoneplan's
 * {@link XlsxTableWriter} (inline strings, as zoneplan's export writes them) and one with a
 * shared-strings table (as Excel and LibreOffice write them).
 *
 * <p>After one warm-up import of each file, {@code rounds} rounds, the order of the three files
 * reversed every other round; each import first as a dry run (read and check only) and then for
 * real, both timed. Prints every time, the medians, the ratios .xlsx ÷ CSV (goal: at most 1.0) and
 * the peak heap (the heap pools' peak, reset before each import). Each import is checked against
 * the generator: the number of enterprises and rows, the sum of each column and a SHA-256 over the
 * stored rows in key order must equal the generator's own; the run fails (exit 1) otherwise.
 *
 * <p>Run: {@code mvn -B -Pbench -DskipTests test-compile exec:exec@bench-enterprise-import} (forks
 * {@code java -Xmx512m}). Arguments: enterprises (default 25000), rounds (default 3).
 */
public final class EnterpriseImportBenchmark {
  static final int FIRST_YEAR = 2021;
  static final int YEARS = 4;
  static final long SEED = 330726;

  static final List<String> HEADER =
      List.of(
          "统一社会信用代码",
          "企业名称",
          "年度",
          "税收(万元)",
          "工业增加值(万元)",
          "营业收入(万元)",
          "综合能耗(吨标准煤)",
          "主要污染物排放(吨)",
          "R&D经费(万元)",
          "年平均职工人数",
          "用电量(万kWh)",
          "固定资产投资(万元)");

  /** The stored columns, in the order of {@link #HEADER} from 年度 on. */
  static final String STAT_COLUMNS =
      "credit_code, stat_year, tax_wan, value_added_wan, revenue_wan, energy_tce, emissions_t,"
          + " rnd_wan, employees, electricity_wan_kwh, investment_wan";

  private static final String[] TOWNS = {"浦江", "黄宅", "白马", "郑宅", "郑家坞", "仙华", "岩头", "檀溪"};
  private static final String[] TRADES = {
    "光电", "水晶", "五金", "制锁", "纺织", "家纺", "机电", "新材料", "智能", "生物", "光伏", "服装"
  };
  private static final String[] KINDS = {"科技有限公司", "实业有限公司", "制品有限公司", "股份有限公司"};
  private static final char[] GIVEN = "华宏鑫泰达兴盛恒远美嘉瑞德昌丰源晶诚信通".toCharArray();

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private EnterpriseImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int enterprises = args.length > 0 ? Integer.parseInt(args[0]) : 25_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.printf(
        Locale.ROOT,
        "load average at start: %s; max heap %.0f MB; %d processors%n",
        loadAverage(),
        Runtime.getRuntime().maxMemory() / 1048576.0,
        Runtime.getRuntime().availableProcessors());

    Path dir = Files.createTempDirectory("zoneplan-import-bench");
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("csv", dir.resolve("statistics.csv"));
    files.put("xlsx", dir.resolve("statistics.xlsx"));
    files.put("xlsx-shared", dir.resolve("statistics-shared.xlsx"));
    long t0 = System.nanoTime();
    writeCsv(files.get("csv"), enterprises);
    writeXlsx(files.get("xlsx"), enterprises);
    writeXlsxSharedStrings(files.get("xlsx-shared"), enterprises);
    Expected expected = expected(enterprises);
    System.out.printf(
        Locale.ROOT,
        "generated %,d rows (%,d enterprises × %d years) in %.1f s: %s%n",
        expected.rows,
        enterprises,
        YEARS,
        seconds(System.nanoTime() - t0),
        files.entrySet().stream()
            .map(e -> e.getKey() + " " + sizeMb(e.getValue()))
            .reduce((a, b) -> a + ", " + b)
            .orElse(""));

    Map<String, List<Double>> dry = new LinkedHashMap<>();
    Map<String, List<Double>> full = new LinkedHashMap<>();
    Map<String, List<Double>> dryCpu = new LinkedHashMap<>();
    Map<String, List<Double>> fullCpu = new LinkedHashMap<>();
    Map<String, Long> peak = new LinkedHashMap<>();
    files.keySet().forEach(k -> dry.put(k, new ArrayList<>()));
    files.keySet().forEach(k -> full.put(k, new ArrayList<>()));
    files.keySet().forEach(k -> dryCpu.put(k, new ArrayList<>()));
    files.keySet().forEach(k -> fullCpu.put(k, new ArrayList<>()));
    boolean ok = true;
    List<String> order = new ArrayList<>(files.keySet());
    for (int r = -1; r < rounds; r++) {
      List<String> thisRound = new ArrayList<>(order);
      if (r % 2 != 0) {
        java.util.Collections.reverse(thisRound);
      }
      for (String format : thisRound) {
        Measured m = importOnce(files.get(format), format, expected);
        ok &= m.ok;
        System.out.printf(
            Locale.ROOT,
            "%s %-11s dry run %.2f s (CPU %.2f s), import %.2f s (CPU %.2f s), peak heap %.0f MB%s%n",
            r < 0 ? "warm-up " : "round " + (r + 1) + ",",
            format,
            m.drySeconds,
            m.dryCpu,
            m.seconds,
            m.cpu,
            m.peakHeap / 1048576.0,
            m.ok ? ", store checked" : ", STORE DIFFERS");
        if (r >= 0) {
          dry.get(format).add(m.drySeconds);
          full.get(format).add(m.seconds);
          dryCpu.get(format).add(m.dryCpu);
          fullCpu.get(format).add(m.cpu);
          peak.merge(format, m.peakHeap, Math::max);
        }
      }
    }

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "medians of %d rounds (%,d rows, fresh H2GIS store each):%n",
        rounds,
        expected.rows);
    double csvDry = median(dry.get("csv"));
    double csvFull = median(full.get("csv"));
    double csvDryCpu = median(dryCpu.get("csv"));
    double csvFullCpu = median(fullCpu.get("csv"));
    for (String format : files.keySet()) {
      System.out.printf(
          Locale.ROOT,
          "  %-11s dry run %.2f s %s CPU %.2f s, import %.2f s %s CPU %.2f s, peak heap %.0f MB%n",
          format,
          median(dry.get(format)),
          rounded(dry.get(format)),
          median(dryCpu.get(format)),
          median(full.get(format)),
          rounded(full.get(format)),
          median(fullCpu.get(format)),
          peak.get(format) / 1048576.0);
    }
    for (String format : List.of("xlsx", "xlsx-shared")) {
      System.out.printf(
          Locale.ROOT,
          "ratio %s / csv: import %.2f (goal: at most 1.0), dry run %.2f;"
              + " CPU time of the importing thread: import %.2f, dry run %.2f%n",
          format,
          median(full.get(format)) / csvFull,
          median(dry.get(format)) / csvDry,
          median(fullCpu.get(format)) / csvFullCpu,
          median(dryCpu.get(format)) / csvDryCpu);
    }
    System.out.printf(
        Locale.ROOT,
        "peak heap %.0f MB of %.0f MB; load average at end: %s%n",
        peak.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        loadAverage());
    System.out.println(
        ok
            ? "every import stored the generated rows (counts, column sums, SHA-256 equal)"
            : "FAILED: an import stored something else than the generated rows");
    deleteTree(dir);
    if (!ok) {
      System.exit(1);
    }
  }

  // ---------------------------------------------------------------- one import

  /** Wall-clock and CPU seconds (of the importing thread) of the dry run and the import. */
  record Measured(
      double drySeconds, double seconds, double dryCpu, double cpu, long peakHeap, boolean ok) {}

  private static Measured importOnce(Path file, String format, Expected expected) throws Exception {
    Path data = Files.createTempDirectory("zoneplan-import-bench-store");
    SpringApplication app = new SpringApplication(ZoneplanApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    app.setDefaultProperties(Map.of("logging.level.root", "WARN"));
    try (ConfigurableApplicationContext context =
        app.run(
            "--zoneplan.store=h2gis",
            "--zoneplan.data-dir=" + data,
            "--zoneplan.sample-data.enabled=false")) {
      EnterpriseImportService imports = context.getBean(EnterpriseImportService.class);
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      String name = file.getFileName().toString();

      System.gc();
      resetPeaks();
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      TableImportReport dryReport;
      try (InputStream in = Files.newInputStream(file)) {
        dryReport = imports.importFile(in, name, "statistics", true, null);
      }
      double drySeconds = seconds(System.nanoTime() - start);
      double dryCpu = seconds(THREADS.getCurrentThreadCpuTime() - cpuStart);
      long peakHeap = peakHeapBytes();

      System.gc();
      resetPeaks();
      start = System.nanoTime();
      cpuStart = THREADS.getCurrentThreadCpuTime();
      TableImportReport report;
      try (InputStream in = Files.newInputStream(file)) {
        report = imports.importFile(in, name, "statistics", false, null);
      }
      double fullSeconds = seconds(System.nanoTime() - start);
      double cpu = seconds(THREADS.getCurrentThreadCpuTime() - cpuStart);
      peakHeap = Math.max(peakHeap, peakHeapBytes());

      boolean ok = check(format, jdbc, expected, dryReport, report);
      return new Measured(drySeconds, fullSeconds, dryCpu, cpu, peakHeap, ok);
    } finally {
      deleteTree(data);
    }
  }

  private static boolean check(
      String format,
      JdbcTemplate jdbc,
      Expected expected,
      TableImportReport dryReport,
      TableImportReport report) {
    Checksum stored = new Checksum();
    jdbc.query(
        "SELECT " + STAT_COLUMNS + " FROM enterprise_stat ORDER BY credit_code, stat_year",
        rs -> {
          Object[] row = new Object[11];
          row[0] = rs.getString(1);
          row[1] = rs.getInt(2);
          for (int i = 3; i <= 11; i++) {
            row[i - 1] = i == 9 ? rs.getObject(i, Integer.class) : rs.getObject(i, Double.class);
          }
          stored.add(row);
        });
    MessageDigest names = sha256();
    long[] enterpriseCount = {0};
    jdbc.query(
        "SELECT credit_code, name FROM enterprise ORDER BY credit_code",
        rs -> {
          enterpriseCount[0]++;
          names.update(
              (rs.getString(1) + "|" + rs.getString(2) + "\n").getBytes(StandardCharsets.UTF_8));
        });
    List<String> wrong = new ArrayList<>();
    if (stored.rows != expected.rows) {
      wrong.add("rows " + stored.rows + " ≠ " + expected.rows);
    }
    if (!Arrays.equals(stored.sums, expected.checksum.sums)) {
      wrong.add(
          "sums " + Arrays.toString(stored.sums) + " ≠ " + Arrays.toString(expected.checksum.sums));
    }
    if (!stored.hex().equals(expected.checksum.hex())) {
      wrong.add("row hash " + stored.hex() + " ≠ " + expected.checksum.hex());
    }
    if (enterpriseCount[0] != expected.enterprises) {
      wrong.add("enterprises " + enterpriseCount[0] + " ≠ " + expected.enterprises);
    }
    String nameHash = HexFormat.of().formatHex(names.digest());
    if (!nameHash.equals(expected.namesHex)) {
      wrong.add("enterprise hash " + nameHash + " ≠ " + expected.namesHex);
    }
    long reported = report.tables().get(0).rows();
    if (reported != expected.rows || dryReport.tables().get(0).rows() != expected.rows) {
      wrong.add("reported rows " + dryReport.tables().get(0).rows() + " / " + reported);
    }
    if (!wrong.isEmpty()) {
      System.out.println("  " + format + ": " + wrong);
    }
    return wrong.isEmpty();
  }

  // ---------------------------------------------------------------- the generated rows

  /** A credit code (GB 32100, valid check character) for enterprise {@code e}. */
  static String creditCode(int e) {
    String first17 = String.format(Locale.ROOT, "91330726MA%07d", e + 1);
    return first17 + CreditCode.checkCharacter(first17);
  }

  static String name(int e) {
    SplittableRandom random = new SplittableRandom(SEED * 1_000_003L + e);
    return TOWNS[random.nextInt(TOWNS.length)]
        + GIVEN[random.nextInt(GIVEN.length)]
        + GIVEN[random.nextInt(GIVEN.length)]
        + TRADES[random.nextInt(TRADES.length)]
        + KINDS[random.nextInt(KINDS.length)];
  }

  /**
   * The figures of enterprise {@code e} in year {@code y} (0-based), as the file's cells from 税收
   * on: money and tonnes in hundredths, employees and kWh whole; null is an empty cell (about one
   * row in ten has no emissions figure, one in seven no R&amp;D). Growth of a few percent a year.
   */
  static Object[] figures(int e, int y) {
    SplittableRandom firm = new SplittableRandom(SEED + 7919L * e);
    double size = 0.2 + firm.nextDouble() * firm.nextDouble() * 50; // 亿元 of revenue, skewed
    SplittableRandom year = new SplittableRandom(SEED * 31 + 7919L * e + 104_729L * y);
    double growth = Math.pow(1 + (firm.nextDouble() * 0.2 - 0.05), y);
    double revenue = size * 10_000 * growth * (0.9 + 0.2 * year.nextDouble()); // 万元
    Object[] f = new Object[9];
    f[0] = cents(revenue * (0.01 + 0.05 * year.nextDouble())); // 税收
    f[1] = cents(revenue * (0.15 + 0.2 * year.nextDouble())); // 工业增加值
    f[2] = cents(revenue); // 营业收入
    f[3] = cents(revenue * (0.02 + 0.3 * year.nextDouble())); // 综合能耗, tce
    f[4] = year.nextInt(10) == 0 ? null : cents(revenue * 0.0005 * year.nextDouble()); // 排放
    f[5] = year.nextInt(7) == 0 ? null : cents(revenue * 0.04 * year.nextDouble()); // R&D
    f[6] = (int) Math.round(size * 60 * (0.8 + 0.4 * year.nextDouble())) + 5; // 职工
    f[7] = cents(revenue * (0.01 + 0.05 * year.nextDouble())); // 用电量, 万kWh
    f[8] = year.nextInt(4) == 0 ? 0.0 : cents(revenue * 0.1 * year.nextDouble()); // 固投
    return f;
  }

  /** Rounded to hundredths: the double nearest to the decimal written in the file. */
  static double cents(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** A figure as the CSV file writes it: plainly, at most two decimals. */
  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Integer i) {
      return i.toString();
    }
    long c = Math.round((Double) v * 100);
    return c % 100 == 0
        ? Long.toString(c / 100)
        : String.format(Locale.ROOT, "%d.%02d", c / 100, c % 100).replaceAll("0$", "");
  }

  /** The file's rows year by year, as a statistical office appends each year's list. */
  interface RowSink {
    void row(String code, String name, int year, Object[] figures) throws IOException;
  }

  static void rows(int enterprises, RowSink sink) throws IOException {
    String[] codes = new String[enterprises];
    String[] names = new String[enterprises];
    for (int e = 0; e < enterprises; e++) {
      codes[e] = creditCode(e);
      names[e] = name(e);
    }
    for (int y = 0; y < YEARS; y++) {
      for (int e = 0; e < enterprises; e++) {
        sink.row(codes[e], names[e], FIRST_YEAR + y, figures(e, y));
      }
    }
  }

  static void writeCsv(Path file, int enterprises) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", HEADER));
      out.write("\r\n");
      rows(
          enterprises,
          (code, name, year, figures) -> {
            StringBuilder line = new StringBuilder(160);
            line.append(code).append(',').append(name).append(',').append(year);
            for (Object f : figures) {
              line.append(',').append(text(f));
            }
            out.write(line.append("\r\n").toString());
          });
    }
  }

  static void writeXlsx(Path file, int enterprises) throws IOException {
    try (XlsxTableWriter writer = new XlsxTableWriter();
        OutputStream out = Files.newOutputStream(file)) {
      writer.sheet("年度统计", HEADER);
      List<Object> cells = new ArrayList<>(HEADER.size());
      rows(
          enterprises,
          (code, name, year, figures) -> {
            cells.clear();
            cells.add(code);
            cells.add(name);
            cells.add(year);
            cells.addAll(Arrays.asList(figures));
            writer.row(cells);
          });
      writer.write(out);
    }
  }

  /** The same rows with a shared-strings table (credit codes and names), as Excel writes. */
  static void writeXlsxSharedStrings(Path file, int enterprises) throws IOException {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 200, true, true);
        OutputStream out = Files.newOutputStream(file)) {
      SXSSFSheet sheet = workbook.createSheet("年度统计");
      Row header = sheet.createRow(0);
      for (int i = 0; i < HEADER.size(); i++) {
        header.createCell(i).setCellValue(HEADER.get(i));
      }
      int[] next = {1};
      rows(
          enterprises,
          (code, name, year, figures) -> {
            Row row = sheet.createRow(next[0]++);
            row.createCell(0).setCellValue(code);
            row.createCell(1).setCellValue(name);
            row.createCell(2).setCellValue(year);
            for (int i = 0; i < figures.length; i++) {
              if (figures[i] instanceof Number n) {
                row.createCell(3 + i).setCellValue(n.doubleValue());
              }
            }
          });
      workbook.write(out);
      workbook.dispose();
    }
  }

  // ---------------------------------------------------------------- checks

  record Expected(long rows, long enterprises, Checksum checksum, String namesHex) {}

  /** The generator's rows in the store's key order (credit code, year), checksummed. */
  static Expected expected(int enterprises) {
    Checksum c = new Checksum();
    MessageDigest names = sha256();
    for (int e = 0; e < enterprises; e++) {
      String code = creditCode(e);
      names.update((code + "|" + name(e) + "\n").getBytes(StandardCharsets.UTF_8));
      for (int y = 0; y < YEARS; y++) {
        Object[] f = figures(e, y);
        Object[] row = new Object[11];
        row[0] = code;
        row[1] = FIRST_YEAR + y;
        System.arraycopy(f, 0, row, 2, 9);
        c.add(row);
      }
    }
    return new Expected(
        (long) enterprises * YEARS, enterprises, c, HexFormat.of().formatHex(names.digest()));
  }

  /** Row count, the sum of each figure column (in row order) and a SHA-256 over the rows. */
  static final class Checksum {
    long rows;
    final double[] sums = new double[9];
    final MessageDigest digest = sha256();
    String hex;

    void add(Object[] row) {
      rows++;
      StringBuilder line = new StringBuilder().append(row[0]).append('|').append(row[1]);
      for (int i = 2; i < 11; i++) {
        Object v = row[i];
        line.append('|').append(v);
        if (v != null) {
          sums[i - 2] += ((Number) v).doubleValue();
        }
      }
      digest.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }

    String hex() {
      if (hex == null) {
        hex = HexFormat.of().formatHex(digest.digest());
      }
      return hex;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- measuring

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

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String sizeMb(Path file) {
    try {
      return String.format(Locale.ROOT, "%.1f MB", Files.size(file) / 1048576.0);
    } catch (IOException e) {
      return "?";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String rounded(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
