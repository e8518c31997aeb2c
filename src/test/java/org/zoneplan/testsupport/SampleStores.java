package org.zoneplan.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
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
 * filled once per JVM and configuration, instead of migrating and loading anew for every class
 * (with the default 20,000 parcels that load is most of a test server's start).
 *
 * <p>The template is made by starting zoneplan itself, without the web server, on an empty store
 * with the class's sample properties (for example {@code zoneplan.sample-data.parcels=50}): Flyway
 * and every sample loader run exactly as on a first start, then the server is closed. A copy is
 * then a store on which the loaders find their data and do nothing: on the embedded store a copy of
 * the closed database's folder, on PostGIS {@code CREATE DATABASE … TEMPLATE}. The sample
 * properties are registered for the class too, so the copy and the server agree.
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
   * A new PostGIS database holding a copy of the sample template for {@code properties}; aborts
   * (skips) or fails as {@link PostgisTestDatabase#create} does when there is no PostGIS.
   */
  static PostgisTestDatabase.Database postgis(String purpose, Map<String, String> sample) {
    PostgisTestDatabase.Database template;
    synchronized (POSTGIS_TEMPLATES) {
      template = POSTGIS_TEMPLATES.get(key(sample));
      if (template == null) {
        template = PostgisTestDatabase.create("sample_template");
        Map<String, String> all = new TreeMap<>(sample);
        all.put("zoneplan.store", "postgis");
        all.put("spring.datasource.url", template.jdbcUrl());
        all.put("spring.datasource.username", template.username());
        all.put("spring.datasource.password", template.password());
        all.put(
            "spring.datasource.hikari.maximum-pool-size", PostgisTestDatabase.PerClass.POOL_SIZE);
        all.put(
            "zoneplan.limits.statement-timeout", PostgisTestDatabase.PerClass.STATEMENT_TIMEOUT);
        load(all);
        POSTGIS_TEMPLATES.put(key(sample), template);
      }
    }
    return PostgisTestDatabase.copy(purpose, template);
  }

  private static Path h2gisTemplate(Map<String, String> sample) throws IOException {
    synchronized (H2GIS_TEMPLATES) {
      Path template = H2GIS_TEMPLATES.get(key(sample));
      if (template == null) {
        template = TestDirs.create("zoneplan-h2gis-template");
        Map<String, String> all = new TreeMap<>(sample);
        all.put("zoneplan.store", "h2gis");
        all.put("zoneplan.data-dir", template.toString());
        load(all);
        H2GIS_TEMPLATES.put(key(sample), template);
      }
      return template;
    }
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
      // database file) before the copies are made
    }
    System.err.printf(
        "Sample store template (%s) loaded in %d ms%n",
        properties.get("zoneplan.store"), (System.nanoTime() - start) / 1_000_000);
  }

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

  private static String key(Map<String, String> sample) {
    return new TreeMap<>(sample).toString();
  }
}
