package org.zoneplan.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.zoneplan.codecs.gis.GisFileException;
import org.zoneplan.exports.AreaUnit;
import org.zoneplan.exports.ExportRequest;
import org.zoneplan.exports.ExportService;
import org.zoneplan.imports.ImportReport;
import org.zoneplan.imports.ImportRequest;
import org.zoneplan.imports.ImportService;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneNode;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line: the same jar runs {@code import}, {@code export} and {@code report} against the
 * configured store, without the web server. Options are {@code --name=value}; anything else Spring
 * understands ({@code --zoneplan.store=postgis}, {@code --spring.datasource.url=...}, {@code
 * --zoneplan.data-dir=...}) selects the store, as for the server. An embedded H2GIS store can be
 * used by one process at a time: stop the server first.
 *
 * <pre>
 * java -jar zoneplan.jar export --plan=pujiang-2021 --layer=zones --format=shapefile \
 *     --crs=EPSG:4549 --encoding=GBK --unit=mu [--schema=survey] --out=zones.zip
 *     (--layer: zones, parcels, divisions, overlaps, scattered)
 * java -jar zoneplan.jar import --layer=zones --plan=pujiang-2021 [--dry-run] \
 *     [--encoding=GBK] [--crs=EPSG:4549] zones.zip
 *     (parcels: [--mode=replace] [--year=2024], the statistics year of the file's enterprise
 *     figures)
 * java -jar zoneplan.jar report --plan=pujiang-2021 [--unit=km2]
 * </pre>
 *
 * Exit status: 0 done, 1 refused (the report or problem is printed), 2 wrong usage.
 */
public final class ExchangeCommand {
  public static final List<String> COMMANDS = List.of("import", "export", "report");

  private ExchangeCommand() {}

  /** Whether the program arguments name a command rather than start the server. */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /**
   * Runs a command in a Spring context without the web server.
   *
   * @param application the Spring Boot application class
   * @return the exit status
   */
  public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    DefaultApplicationArguments options = new DefaultApplicationArguments(rest);
    SpringApplication app = new SpringApplication(application);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    app.setDefaultProperties(Map.of("logging.level.root", "WARN"));
    try (ConfigurableApplicationContext context = app.run(rest)) {
      return switch (command) {
        case "export" -> export(context, options, out, err);
        case "import" -> importFile(context, options, out, err);
        default -> report(context, options, out);
      };
    } catch (ApiProblem | GisFileException problem) {
      err.println(command + ": " + problem.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println(command + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println(command + ": " + e.getMessage());
      return 1;
    }
  }

  private static String option(DefaultApplicationArguments a, String name) {
    List<String> values = a.getOptionValues(name);
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  private static String required(DefaultApplicationArguments a, String name) {
    String value = option(a, name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + "=... is required");
    }
    return value;
  }

  private static int export(
      ConfigurableApplicationContext context,
      DefaultApplicationArguments a,
      PrintStream out,
      PrintStream err)
      throws IOException {
    ExportRequest request =
        ExportRequest.parse(
            required(a, "plan"),
            required(a, "layer"),
            option(a, "format"),
            option(a, "crs"),
            option(a, "encoding"),
            option(a, "unit"),
            option(a, "schema"));
    Path file = Path.of(option(a, "out") != null ? option(a, "out") : request.fileName());
    ExportService exports = context.getBean(ExportService.class);
    ExportService.Prepared prepared = exports.prepare(request);
    try (OutputStream o = Files.newOutputStream(file)) {
      prepared.writeTo(o);
    }
    out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
    return 0;
  }

  private static int importFile(
      ConfigurableApplicationContext context,
      DefaultApplicationArguments a,
      PrintStream out,
      PrintStream err)
      throws IOException {
    if (a.getNonOptionArgs().size() != 1) {
      throw new IllegalArgumentException("give one file to import");
    }
    Path file = Path.of(a.getNonOptionArgs().get(0));
    ImportRequest request =
        ImportRequest.parse(
            required(a, "layer"),
            option(a, "plan"),
            a.containsOption("dry-run") ? "true" : option(a, "dryRun"),
            option(a, "encoding"),
            option(a, "crs"),
            option(a, "mode"),
            option(a, "year"));
    JsonMapper json = context.getBean(JsonMapper.class);
    try (InputStream in = new FileInputStream(file.toFile())) {
      ImportReport report =
          context
              .getBean(ImportService.class)
              .importFile(in, file.getFileName().toString(), request);
      out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
      return report.errors().isEmpty() ? 0 : 1;
    } catch (ApiProblem problem) {
      err.println("import: " + problem.getMessage());
      Object report = problem.properties().get("report");
      if (report != null) {
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
      }
      return 1;
    }
  }

  /** The plan's zone tree: each zone's own and rolled-up ellipsoidal area. */
  private static int report(
      ConfigurableApplicationContext context, DefaultApplicationArguments a, PrintStream out) {
    String planId = required(a, "plan");
    AreaUnit unit = AreaUnit.parse(option(a, "unit") == null ? "km2" : option(a, "unit"));
    ZoneService zones = context.getBean(ZoneService.class);
    var plan = zones.plan(planId);
    out.println(plan.name() + " (" + plan.id() + ", " + plan.date() + ", " + plan.status() + ")");
    out.printf(
        Locale.ROOT,
        "%-24s %-12s %14s %14s  %s%n",
        "code",
        "kind",
        "area " + unit.name().toLowerCase(Locale.ROOT),
        "rolled up",
        "name");
    for (ZoneNode root : zones.tree(planId)) {
      print(root, 0, unit, out);
    }
    return 0;
  }

  private static void print(ZoneNode node, int depth, AreaUnit unit, PrintStream out) {
    Zone z = node.zone();
    out.printf(
        Locale.ROOT,
        "%-24s %-12s %14.4f %14.4f  %s%n",
        "  ".repeat(depth) + z.code(),
        z.kind(),
        unit.fromSquareMetres(z.area().squareMetres()),
        unit.fromSquareMetres(node.rolledUp().squareMetres()),
        z.name());
    node.children().forEach(child -> print(child, depth + 1, unit, out));
  }
}
