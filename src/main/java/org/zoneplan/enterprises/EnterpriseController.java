package org.zoneplan.enterprises;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.parcels.ParcelSupplyRepository;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.ZoneRepository;

/**
 * {@code /api/enterprises}: the list (pages, filters by name, industry, zone and year), one
 * enterprise with its land and statistics, land areas of a year, writes of one enterprise and of
 * its land, table import ({@code POST /api/enterprises/import}, multipart) and export ({@code GET
 * /api/enterprises/export.xlsx}). Who may do what is decided in {@code SecurityConfiguration}.
 */
@RestController
@RequestMapping("/api/enterprises")
class EnterpriseController {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final EnterpriseRepository enterprises;
  private final EnterpriseService service;
  private final EnterpriseImportService imports;
  private final EnterpriseExportService exports;
  private final ZoneRepository zones;
  private final ParcelRepository parcels;
  private final ParcelSupplyRepository supplies;

  EnterpriseController(
      EnterpriseRepository enterprises,
      EnterpriseService service,
      EnterpriseImportService imports,
      EnterpriseExportService exports,
      ZoneRepository zones,
      ParcelRepository parcels,
      ParcelSupplyRepository supplies) {
    this.enterprises = enterprises;
    this.service = service;
    this.imports = imports;
    this.exports = exports;
    this.zones = zones;
    this.parcels = parcels;
    this.supplies = supplies;
  }

  /**
   * An enterprise as listed: its fields, the names of its codes, and its land in a year if asked.
   */
  record EnterpriseJson(
      String creditCode,
      String name,
      String industryCode,
      String industryName,
      String industryDivision,
      String industrySection,
      String sizeClass,
      String sizeClassName,
      Integer foundedYear,
      Integer closedYear,
      Double landAreaM2,
      Double landAreaMu) {
    static EnterpriseJson of(Enterprise e, LandArea land) {
      var industry = IndustryCatalog.gbt4754().find(e.industryCode());
      return new EnterpriseJson(
          e.creditCode(),
          e.name(),
          e.industryCode(),
          industry.map(IndustryCatalog.IndustryClass::name).orElse(null),
          industry.map(IndustryCatalog.IndustryClass::divisionCode).orElse(null),
          industry.map(IndustryCatalog.IndustryClass::sectionCode).orElse(null),
          e.sizeClass() == null ? null : e.sizeClass().name(),
          e.sizeClass() == null ? null : e.sizeClass().nameZh(),
          e.foundedYear(),
          e.closedYear(),
          land == null ? null : land.areaM2(),
          land == null ? null : land.areaMu());
    }
  }

  record Page(
      long numberMatched,
      int numberReturned,
      int limit,
      long offset,
      List<EnterpriseJson> enterprises) {}

  @GetMapping
  Page list(
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String industry,
      @RequestParam(required = false) String plan,
      @RequestParam(required = false) String zone,
      @RequestParam(required = false) String year,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String offset) {
    int pageSize = (int) integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    long skip = integer("offset", offset, 0, 0, Long.MAX_VALUE);
    Integer y = year == null ? null : (int) integer("year", year, 0, 1900, 9999);
    MultiPolygon zoneGeometry = null;
    if (zone != null || plan != null) {
      if (zone == null || plan == null) {
        throw badRequest("invalid-parameter", "zone and plan are given together");
      }
      zoneGeometry =
          zones
              .findZone(plan, zone)
              .orElseThrow(
                  () -> ApiProblem.notFound("zone", "no zone " + zone + " in plan " + plan))
              .geometry();
    }
    EnterpriseFilter filter = new EnterpriseFilter(name, industry, zoneGeometry, y);
    Map<String, LandArea> areas = y == null ? Map.of() : enterprises.landAreas(y);
    List<EnterpriseJson> page =
        enterprises.findPage(filter, pageSize, skip).stream()
            .map(
                e ->
                    EnterpriseJson.of(
                        e,
                        y == null
                            ? null
                            : areas.getOrDefault(
                                e.creditCode(), new LandArea(e.creditCode(), 0, 0))))
            .toList();
    return new Page(enterprises.count(filter), page.size(), pageSize, skip, page);
  }

  record LinkJson(
      long parcelId,
      String role,
      String roleName,
      double share,
      String landUseCode,
      double parcelAreaM2,
      double areaM2,
      double areaMu,
      String supplyDate) {}

  /**
   * One enterprise: fields, land links (with the parcel's area and the share of it), statistics.
   */
  @GetMapping("/{creditCode}")
  Map<String, Object> one(
      @PathVariable String creditCode, @RequestParam(required = false) String year) {
    Enterprise e = service.get(creditCode);
    int y = year == null ? Year.now().getValue() : (int) integer("year", year, 0, 1900, 9999);
    List<LinkJson> land = new ArrayList<>();
    for (LandLink l : enterprises.links(creditCode)) {
      Parcel p = parcels.find(l.parcelId()).orElse(null);
      if (p == null) {
        continue;
      }
      double area = p.areaM2() * l.share();
      land.add(
          new LinkJson(
              l.parcelId(),
              l.role().name(),
              l.role().nameZh(),
              l.share(),
              p.landUseCode(),
              p.areaM2(),
              area,
              AreaUnits.toMu(area),
              supplies
                  .find(l.parcelId())
                  .map(s -> s.supplyDate() == null ? null : s.supplyDate().toString())
                  .orElse(null)));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("enterprise", EnterpriseJson.of(e, enterprises.landArea(creditCode, y)));
    out.put("year", y);
    out.put("land", land);
    out.put("statistics", enterprises.statistics(creditCode));
    return out;
  }

  /** The land of every enterprise that existed in the year (parcels of that year's land). */
  @GetMapping("/land-areas")
  Map<String, Object> landAreas(@RequestParam(required = false) String year) {
    int y = year == null ? Year.now().getValue() : (int) integer("year", year, 0, 1900, 9999);
    List<Map<String, Object>> rows = new ArrayList<>();
    enterprises
        .landAreas(y)
        .values()
        .forEach(
            a -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("creditCode", a.creditCode());
              row.put("areaM2", a.areaM2());
              row.put("areaMu", a.areaMu());
              row.put("parcels", a.parcels());
              rows.add(row);
            });
    return Map.of("year", y, "enterprises", rows);
  }

  /** The GB/T 4754-2017 classes the industry code is checked against. */
  @GetMapping("/industries")
  List<IndustryCatalog.IndustryClass> industries() {
    return IndustryCatalog.gbt4754().classes();
  }

  record EnterpriseInput(
      String name,
      String industryCode,
      String sizeClass,
      Integer foundedYear,
      Integer closedYear) {}

  @PutMapping(path = "/{creditCode}", consumes = "application/json")
  ResponseEntity<EnterpriseJson> save(
      @PathVariable String creditCode, @RequestBody EnterpriseInput input) {
    SizeClass size;
    try {
      size = SizeClass.parse(input.sizeClass());
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid("invalid-enterprise", e.getMessage());
    }
    Enterprise e =
        new Enterprise(
            creditCode,
            input.name(),
            input.industryCode(),
            size,
            input.foundedYear(),
            input.closedYear());
    boolean created = service.save(e);
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .body(EnterpriseJson.of(e, null));
  }

  record LinkInput(Long parcelId, String role, Double share) {}

  /** Replaces the enterprise's land links; the shares of a parcel must stay ≤ 1 (else 422). */
  @PutMapping(path = "/{creditCode}/land", consumes = "application/json")
  Map<String, Object> setLand(@PathVariable String creditCode, @RequestBody List<LinkInput> input) {
    if (input.size() > 10_000) {
      throw ApiProblem.invalid("too-many-links", "at most 10,000 parcels per enterprise");
    }
    List<LandLink> links = new ArrayList<>();
    for (LinkInput l : input) {
      if (l == null || l.parcelId() == null || l.share() == null) {
        throw ApiProblem.invalid("invalid-link", "every link needs parcelId, role and share");
      }
      LandRole role;
      try {
        role = LandRole.parse(l.role());
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalid("invalid-link", "地块 " + l.parcelId() + ": " + e.getMessage())
            .with("parcelId", l.parcelId());
      }
      links.add(new LandLink(creditCode, l.parcelId(), role, l.share()));
    }
    service.setLand(creditCode, links);
    return Map.of("creditCode", creditCode, "land", enterprises.links(creditCode));
  }

  /**
   * Imports a table (CSV) or tables (.xlsx, one per sheet): parts {@code file}, {@code table}
   * (enterprises, supply, land, statistics, zone-statistics or their Chinese names; for CSV, or to
   * read a workbook's first sheet), {@code dryRun}, {@code encoding} (CSV).
   */
  @PostMapping(path = "/import", consumes = "multipart/form-data")
  TableImportReport importTables(
      @RequestParam(required = false) MultipartFile file,
      @RequestParam(required = false) String table,
      @RequestParam(required = false) String dryRun,
      @RequestParam(required = false) String encoding)
      throws IOException {
    if (file == null || file.isEmpty()) {
      throw badRequest("missing-file", "the multipart part \"file\" is required");
    }
    boolean dry;
    if (dryRun == null || dryRun.isBlank() || dryRun.equalsIgnoreCase("false")) {
      dry = false;
    } else if (dryRun.equalsIgnoreCase("true")) {
      dry = true;
    } else {
      throw badRequest("invalid-parameter", "dryRun is true or false, not \"" + dryRun + "\"");
    }
    Charset charset = null;
    if (encoding != null && !encoding.isBlank()) {
      try {
        charset = Charset.forName(encoding.strip());
      } catch (IllegalArgumentException e) {
        throw badRequest("invalid-parameter", "unknown encoding \"" + encoding + "\"");
      }
    }
    try (InputStream in = file.getInputStream()) {
      return imports.importFile(in, file.getOriginalFilename(), table, dry, charset);
    }
  }

  /**
   * The tables as an .xlsx workbook ({@code table}: one of them, else all; {@code year}: only that
   * year's statistics and zone totals).
   */
  @GetMapping("/export.xlsx")
  void export(
      @RequestParam(required = false) String table,
      @RequestParam(required = false) String year,
      HttpServletResponse response)
      throws IOException {
    List<EnterpriseTable> tables;
    if (table == null || table.isBlank()) {
      tables = Arrays.asList(EnterpriseTable.values());
    } else {
      tables =
          List.of(
              EnterpriseTable.named(table)
                  .orElseThrow(
                      () -> badRequest("unknown-table", "no table \"" + table + "\" to export")));
    }
    Integer y = year == null ? null : (int) integer("year", year, 0, 1900, 9999);
    // Nothing is sent before every row has been read into the writer's temporary files, so a
    // failure of the store is still a problem answer.
    response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment()
            .filename(
                "企业"
                    + (tables.size() == 1 ? tables.get(0).nameZh() : "数据")
                    + (y == null ? "" : "-" + y)
                    + ".xlsx",
                StandardCharsets.UTF_8)
            .build()
            .toString());
    exports.export(tables, y, response.getOutputStream());
  }

  private static long integer(String name, String value, long fallback, long min, long max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    long v;
    try {
      v = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw badRequest("invalid-parameter", name + " must be a whole number, was \"" + value + "\"")
          .with("parameter", name);
    }
    if (v < min || v > max) {
      throw badRequest(
              "invalid-parameter", name + " must be between " + min + " and " + max + ", was " + v)
          .with("parameter", name);
    }
    return v;
  }

  private static ApiProblem badRequest(String slug, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, slug, "Invalid request", detail);
  }
}
