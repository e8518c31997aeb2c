package org.zoneplan.projects;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.codecs.CodecException;
import org.zoneplan.codecs.CsvTableReader;
import org.zoneplan.codecs.TableLimits;
import org.zoneplan.codecs.XlsxTableReader;
import org.zoneplan.codecs.XlsxTableWriter;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.ZoneRepository;

/**
 * Project tables in and out (.xlsx and CSV, Chinese headers: {@link ProjectTable}). An import reads
 * and checks every row before it writes anything; when any row fails it answers 422 with the row
 * report (row, column, reason) and writes nothing; a dry run checks and writes nothing; otherwise
 * every row becomes a new project in one transaction. Bounded: at most {@code
 * zoneplan.projects.max-import-rows} data rows (default 10,000), 64 columns, the request body by
 * {@code zoneplan.limits.max-body-size}; the report lists at most {@link #MAX_REPORTED} problems
 * and counts them all.
 */
@Service
public class ProjectImportService {
  static final int MAX_REPORTED = 1000;
  static final int MAX_COLUMNS = 64;
  static final int MAX_CELL_CHARS = 4000;

  private final ProjectRepository projects;
  private final ZoneRepository zones;
  private final AuditLog audit;
  private final TransactionTemplate transaction;
  private final TableLimits limits;
  private final int maxRows;

  ProjectImportService(
      ProjectRepository projects,
      ZoneRepository zones,
      AuditLog audit,
      TransactionTemplate transaction,
      @Value("${zoneplan.projects.max-import-rows:10000}") int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("zoneplan.projects.max-import-rows must be at least 1");
    }
    this.projects = projects;
    this.zones = zones;
    this.audit = audit;
    this.transaction = transaction;
    this.maxRows = maxRows;
    // + 1 for the header row
    this.limits =
        new TableLimits(
            maxRows + 1L,
            MAX_COLUMNS,
            MAX_CELL_CHARS,
            TableLimits.DEFAULT.maxUncompressedBytes(),
            TableLimits.DEFAULT.minInflateRatio());
  }

  /** The table format, from a parameter or the file name. */
  enum Format {
    XLSX,
    CSV;

    static Format of(String format, String fileName) {
      String f = format;
      if (f == null || f.isBlank()) {
        String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        f = n.endsWith(".xlsx") ? "xlsx" : n.endsWith(".csv") ? "csv" : "";
      }
      return switch (f.toLowerCase(Locale.ROOT)) {
        case "xlsx" -> XLSX;
        case "csv" -> CSV;
        default ->
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "invalid-format",
                    "Invalid format",
                    "a project table is .xlsx or .csv; name the file so, or give format=xlsx|csv")
                .with("format", format);
      };
    }
  }

  /**
   * What an import of a project table did: the data rows read, the problems (the first {@value
   * #MAX_REPORTED}) and their count, the projects written and, when written, their ids.
   */
  public record Report(
      boolean dryRun,
      long rows,
      long problemCount,
      List<ProjectTable.RowProblem> problems,
      int written,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> ids) {}

  /** Reads, checks and (unless a dry run, or a row fails) writes the projects of a table. */
  public Report importTable(InputStream in, Format format, String planId, boolean dryRun)
      throws IOException {
    List<ProjectTable.RowProblem> problems = new ArrayList<>();
    List<Project> rows = new ArrayList<>();
    long[] problemCount = {0};
    long[] dataRows = {0};
    ProjectTable.Columns[] columns = {null};
    Map<String, Boolean> zoneExists = new HashMap<>();
    String plan = planId == null || planId.isBlank() ? null : planId.strip();
    if (plan != null && zones.findPlan(plan).isEmpty()) {
      throw ApiProblem.invalid("unknown-plan", "no plan version \"" + plan + "\"")
          .with("planId", plan);
    }
    List<ProjectTable.RowProblem> rowProblems = new ArrayList<>();
    org.zoneplan.codecs.RowHandler handler =
        (row, cells) -> {
          rowProblems.clear();
          if (columns[0] == null) {
            columns[0] = ProjectTable.Columns.of(row, cells, rowProblems);
          } else {
            dataRows[0]++;
            Project p = ProjectTable.read(row, cells, columns[0], plan, rowProblems);
            if (p != null && p.zoneCode() != null) {
              String key = p.planId() + "/" + p.zoneCode();
              boolean exists =
                  zoneExists.computeIfAbsent(
                      key, k -> zones.findVersion(p.planId(), p.zoneCode()).isPresent());
              if (!exists) {
                rowProblems.add(
                    ProjectTable.RowProblem.of(
                        row,
                        columns[0].column(ProjectTable.ZONE),
                        ProjectTable.ZONE,
                        "方案 " + p.planId() + " 中没有区块 (no zone) \"" + p.zoneCode() + "\""));
              }
            }
            if (rowProblems.isEmpty() && p != null) {
              rows.add(p);
            }
          }
          problemCount[0] += rowProblems.size();
          for (ProjectTable.RowProblem rp : rowProblems) {
            if (problems.size() < MAX_REPORTED) {
              problems.add(rp);
            }
          }
        };
    try {
      read(in, format, handler);
    } catch (CodecException e) {
      throw new ApiProblem(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "unreadable-table",
              "Unreadable table",
              e.getMessage() + "; nothing was written")
          .with("row", e.row())
          .with("column", e.column() > 0 ? ProjectTable.columnLetter(e.column()) : null)
          .with("maxRows", maxRows);
    }
    if (columns[0] == null) {
      throw ApiProblem.invalid("empty-table", "the table has no header row; nothing was written");
    }
    if (problemCount[0] > 0) {
      ApiProblem refused =
          ApiProblem.invalid(
              "invalid-rows",
              problemCount[0]
                  + " problem(s) in the table; nothing was written (first at row "
                  + problems.get(0).row()
                  + ": "
                  + problems.get(0).reason()
                  + ")");
      refused
          .with("dryRun", dryRun)
          .with("rows", dataRows[0])
          .with("problemCount", problemCount[0])
          .with("problems", problems)
          .with("written", 0);
      throw refused;
    }
    if (dryRun) {
      return new Report(true, dataRows[0], 0, problems, 0, null);
    }
    List<Long> ids = new ArrayList<>();
    transaction.executeWithoutResult(
        status -> {
          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
          String who = Actors.current();
          for (Project p : rows) {
            ids.add(projects.insert(p.withId(0, who, now)));
          }
          audit.record(
              "project.import",
              "projects",
              ids.size()
                  + " projects"
                  + (ids.isEmpty() ? "" : ", ids " + ids.get(0) + "–" + ids.get(ids.size() - 1)));
        });
    return new Report(false, dataRows[0], 0, problems, ids.size(), ids);
  }

  private void read(InputStream in, Format format, org.zoneplan.codecs.RowHandler handler)
      throws IOException {
    if (format == Format.CSV) {
      new CsvTableReader(limits).read(in, null, handler);
      return;
    }
    // The .xlsx reader opens the zip from disk (not loaded whole): the upload goes to a private
    // temporary file first, deleted afterwards.
    Path file = Files.createTempFile("zoneplan-projects", ".xlsx");
    try {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      new XlsxTableReader(limits).read(file, 0, handler);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Writes every project (at most {@link ProjectService#MAX_PROJECTS}) as a table. */
  public void export(Format format, OutputStream out) throws IOException {
    List<Project> all = projects.findAll(null, ProjectService.MAX_PROJECTS);
    TreeSet<Integer> yearSet = new TreeSet<>();
    all.forEach(p -> yearSet.addAll(p.yearlyInvestmentWan().keySet()));
    List<Integer> years = new ArrayList<>(yearSet);
    List<String> header = new ArrayList<>(ProjectTable.HEADERS);
    years.forEach(y -> header.add(ProjectTable.yearlyHeader(y)));
    if (format == Format.XLSX) {
      try (XlsxTableWriter writer = new XlsxTableWriter()) {
        writer.sheet("项目", header);
        for (Project p : all) {
          writer.row(ProjectTable.row(p, years));
        }
        writer.write(out);
      }
    } else {
      // UTF-8 with a byte-order mark, so that Excel on a Chinese Windows reads it as UTF-8.
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      StringBuilder s = new StringBuilder();
      csvLine(s, new ArrayList<>(header));
      for (Project p : all) {
        csvLine(s, ProjectTable.row(p, years));
        if (s.length() > 1 << 16) {
          out.write(s.toString().getBytes(StandardCharsets.UTF_8));
          s.setLength(0);
        }
      }
      out.write(s.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The audit entry of an export, written on the request's thread (who asked) before streaming. */
  public void auditExport(Format format) {
    audit.record("export", "projects", format.name().toLowerCase(Locale.ROOT));
  }

  private static void csvLine(StringBuilder s, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        s.append(',');
      }
      Object v = values.get(i);
      if (v == null) {
        continue;
      }
      String text =
          v instanceof java.math.BigDecimal d
              ? d.stripTrailingZeros().toPlainString()
              : v.toString();
      if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
        s.append('"').append(text.replace("\"", "\"\"")).append('"');
      } else {
        s.append(text);
      }
    }
    s.append("\r\n");
  }
}
