package org.zoneplan.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.zoneplan.ZoneplanApplication;

/**
 * Stores that start with the sample data, for the test classes that begin from it: each class gets
 * a store of its own (its writes reach no other class), copied from a template that the sample load
 * filled once, instead of migrating and loading anew for every class (with the default 20,000
 * parcels that load is most of a test server's start).
 *
 * <p>The template is made by starting zoneplan itself, without the web server, on an empty store
 * with the class's sample properties (for example {@code zoneplan.sample-data.parcels=50}): Flyway
 * and every sample loader run exactly as on a first start, then the server is closed. A copy is
 * then a store on which the loaders find their data and do nothing: on the embedded store a copy of
 * the closed database's folder, on PostGIS {@code CREATE DATABASE … TEMPLATE}. The sample
 * properties are registered for the class too, so the copy and the server agree.
 *
 * <p>One template per configuration and Maven run: the test JVMs that Maven forks at once share it
 * (the first to need it builds it under a file lock; the others wait and copy). It is made by the
 * code under test of that run, never kept for a later run. Outside Maven (an IDE) each JVM makes
 * its own. Leftovers are removed once the Maven process has ended ({@link TestDirs}, {@link
 * PostgisTestDatabase}'s stale-database sweep).
 *
 * <p>Tests of the first start itself (the sample load, migrations, the first administrator) keep
 * their fresh stores ({@link TestDirs#create}, {@link PostgisTestDatabase.PerClass}).
 */
public final class SampleStores {
  private static final Map<String, Path> H2GIS_TEMPLATES = new HashMap<>();
  private static final Map<String, PostgisTestDatabase.Database> POSTGIS_TEMPLATES =
      new HashMap<>();

  private SampleStores() {}

  /**
   * Registers an embedded H2GIS store for the calling class: a new folder {@code prefix…} holding a
   * copy of the sample template for {@code properties} ({@code name=value} each), and those
   * properties.
   */
  public static void h2gis(DynamicPropertyRegistry registry, String prefix, String... properties)
      throws IOException {
    Map<String, String> sample = parse(properties);
    Path dir = TestDirs.create(prefix);
    copyTree(h2gisTemplate(sample), dir);
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", dir::toString);
    sample.forEach((k, v) -> registry.add(k, () -> v));
  }

  /**
   * Copies the sample template for {@code properties} into {@code dir} (created if missing), for a
   * test that starts zoneplan itself on that folder with the same properties (the command line).
   */
  public static void h2gisCopy(Path dir, String... properties) throws IOException {
    Files.createDirectories(dir);
    copyTree(h2gisTemplate(parse(properties)), dir);
  }

  /**
   * A new PostGIS database holding a copy of the sample template for {@code sample}; aborts (skips)
   * or fails as {@link PostgisTestDatabase#create} does when there is no PostGIS.
   */
  static PostgisTestDatabase.Database postgis(String purpose, Map<String, String> sample) {
    PostgisTestDatabase.Database template;
    synchronized (POSTGIS_TEMPLATES) {
      template = POSTGIS_TEMPLATES.get(hash(sample));
      if (template == null) {
        // a throwaway cluster is this JVM's own: no other JVM can copy from it
        ProcessHandle run = PostgisTestDatabase.serverIsShared() ? mavenRun() : null;
        if (run == null) {
          template = PostgisTestDatabase.create("sample_template");
          loadPostgis(template, sample);
        } else {
          String name =
              "zoneplan_test_sample_"
                  + run.pid()
                  + "_"
                  + hash(Map.of("sample", hash(sample), "run", runDirName(run)));
          template =
              onceInRunUnchecked(
                  run,
                  "postgis-" + hash(sample),
                  () -> {
                    PostgisTestDatabase.Database db =
                        PostgisTestDatabase.recreateShared(name, run.pid());
                    loadPostgis(db, sample);
                    return db;
                  },
                  () -> PostgisTestDatabase.shared(name));
        }
        POSTGIS_TEMPLATES.put(hash(sample), template);
      }
    }
    return PostgisTestDatabase.copy(purpose, template);
  }

  private static Path h2gisTemplate(Map<String, String> sample) throws IOException {
    synchronized (H2GIS_TEMPLATES) {
      Path template = H2GIS_TEMPLATES.get(hash(sample));
      if (template == null) {
        ProcessHandle run = mavenRun();
        if (run == null) {
          template = TestDirs.create("zoneplan-h2gis-template");
          loadH2gis(template, sample);
        } else {
          Path dir = runDir(run).resolve("h2gis-" + hash(sample));
          template =
              onceInRun(
                  run,
                  "h2gis-" + hash(sample),
                  () -> {
                    deleteTree(dir); // a build cut short by a killed JVM
                    Files.createDirectories(dir);
                    loadH2gis(dir, sample);
                    return dir;
                  },
                  () -> dir);
        }
        H2GIS_TEMPLATES.put(hash(sample), template);
      }
      return template;
    }
  }

  private static void loadH2gis(Path dir, Map<String, String> sample) {
    Map<String, String> all = new TreeMap<>(sample);
    all.put("zoneplan.store", "h2gis");
    all.put("zoneplan.data-dir", dir.toString());
    load(all);
  }

  private static void loadPostgis(PostgisTestDatabase.Database db, Map<String, String> sample) {
    Map<String, String> all = new TreeMap<>(sample);
    all.put("zoneplan.store", "postgis");
    all.put("spring.datasource.url", db.jdbcUrl());
    all.put("spring.datasource.username", db.username());
    all.put("spring.datasource.password", db.password());
    all.put("spring.datasource.hikari.maximum-pool-size", PostgisTestDatabase.PerClass.POOL_SIZE);
    all.put("zoneplan.limits.statement-timeout", PostgisTestDatabase.PerClass.STATEMENT_TIMEOUT);
    load(all);
  }

  /**
   * Starts zoneplan on the store named in {@code properties} and closes it again: the first start's
   * migrations and sample loaders (those on {@code ApplicationStartedEvent} and {@code
   * ApplicationReadyEvent} included) fill the store. No web server, no analysis warm-up (which
   * reads only). Command-line arguments, so that they win over {@code application.properties}.
   */
  private static void load(Map<String, String> properties) {
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    args.add("--zoneplan.analysis.warm-up=false");
    long start = System.nanoTime();
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ZoneplanApplication.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .run(args.toArray(String[]::new))) {
      // started: the store holds the sample data; closing it closes the pool (and on H2GIS the
      // database file) before any copy is made
    }
    System.err.printf(
        "Sample store template (%s) loaded in %d ms%n",
        properties.get("zoneplan.store"), (System.nanoTime() - start) / 1_000_000);
  }

  // ------------------------------------------------------------ one template per Maven run

  private interface Step<T> {
    T run() throws IOException;
  }

  /**
   * {@code build} the first time {@code what} is asked for in this Maven run, {@code existing}
   * afterwards; the test JVMs of the run take turns through a file lock, so one builds while the
   * others wait.
   */
  private static <T> T onceInRun(ProcessHandle run, String what, Step<T> build, Step<T> existing)
      throws IOException {
    Path dir = runDir(run);
    Path done = dir.resolve(what + ".done");
    try (FileChannel channel =
            FileChannel.open(
                dir.resolve(what + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      if (Files.exists(done)) {
        return existing.run();
      }
      T built = build.run();
      Files.writeString(done, "built by pid " + ProcessHandle.current().pid());
      return built;
    }
  }

  private static <T> T onceInRunUnchecked(
      ProcessHandle run, String what, Step<T> build, Step<T> existing) {
    try {
      return onceInRun(run, what, build, existing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Maven process this JVM is a test fork of (surefire forks {@code sh -c java …} from the
   * Maven JVM), or null when not run by Maven.
   */
  static ProcessHandle mavenRun() {
    ProcessHandle p = ProcessHandle.current().parent().orElse(null);
    for (int depth = 0; p != null && depth < 3; depth++) {
      String command = p.info().commandLine().orElse("");
      if (command.contains("plexus-classworlds") || command.contains("classworlds.launcher")) {
        return p.info().startInstant().isPresent() ? p : null;
      }
      p = p.parent().orElse(null);
    }
    return null;
  }

  /**
   * The run's folder of templates, marked as the Maven process's, so that {@link TestDirs} removes
   * it once Maven has ended. Named by the Maven process's id and start, never reused by a later
   * run.
   */
  private static Path runDir(ProcessHandle run) throws IOException {
    long started = run.info().startInstant().orElseThrow().toEpochMilli();
    Path dir =
        Path.of(System.getProperty("java.io.tmpdir"))
            .resolve("zoneplan-sample-templates-" + run.pid() + "-" + started + "-" + buildStamp());
    Files.createDirectories(dir);
    Path owner = dir.resolve(TestDirs.OWNER_FILE);
    if (!Files.exists(owner)) {
      Files.writeString(owner, Long.toString(run.pid()));
    }
    return dir;
  }

  private static String runDirName(ProcessHandle run) {
    try {
      return runDir(run).getFileName().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The newest file time and the number of files of the compiled classes and resources (main and
   * test): a Maven process that lives on and builds again (a daemon) gets new templates after any
   * change, never ones made by older code or older migrations.
   */
  private static synchronized String buildStamp() throws IOException {
    if (buildStamp == null) {
      buildStamp = computeBuildStamp();
    }
    return buildStamp;
  }

  private static String buildStamp; // guarded by the class

  private static String computeBuildStamp() throws IOException {
    long newest = 0;
    long files = 0;
    for (Class<?> c : List.of(ZoneplanApplication.class, SampleStores.class)) {
      Path root;
      try {
        root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (java.net.URISyntaxException | RuntimeException e) {
        throw new IOException("cannot locate the classes of " + c, e);
      }
      if (!Files.isDirectory(root)) {
        continue; // a jar: its own time is the build's
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
          files++;
        }
      }
    }
    return Long.toString(newest, 36) + Long.toString(files, 36);
  }

  // ------------------------------------------------------------ files and names

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals(TestDirs.OWNER_FILE)) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static Map<String, String> parse(String... properties) {
    Map<String, String> map = new TreeMap<>();
    for (String p : properties) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not name=value: " + p);
      }
      map.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    return map;
  }

  /** A short name of a configuration: 12 hex digits of the SHA-256 of its sorted properties. */
  static String hash(Map<String, String> sample) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(new TreeMap<>(sample).toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
