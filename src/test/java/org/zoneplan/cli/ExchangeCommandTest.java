package org.zoneplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoneplan.ZoneplanApplication;
import org.zoneplan.testsupport.Gdal;
import org.zoneplan.testsupport.SampleStores;

/** The command line: export, import and report on an embedded store, without the web server. */
class ExchangeCommandTest {
  @TempDir Path tmp;

  /** The store the commands run on: a copy of the default sample store (testsupport). */
  @BeforeEach
  void sampleStore() throws IOException {
    SampleStores.h2gisCopy(tmp.resolve("store"));
  }

  record Run(int status, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--zoneplan.data-dir=" + tmp.resolve("store");
    int status =
        ExchangeCommand.run(
            ZoneplanApplication.class,
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void exportImportAndReportFromTheCommandLine() {
    Run report = run("report", "--plan=pujiang-2021");
    assertThat(report.status()).as(report.err()).isZero();
    assertThat(report.out()).contains("PJ-1-CORE").contains("核心区").contains("42.2000");

    Path zip = tmp.resolve("zones.zip");
    Run export =
        run(
            "export",
            "--plan=pujiang-2021",
            "--layer=zones",
            "--crs=EPSG:4549",
            "--encoding=GBK",
            "--out=" + zip);
    assertThat(export.status()).as(export.err()).isZero();
    assertThat(Gdal.epsgOf("/vsizip/" + zip + "/zones.shp", "zones")).isEqualTo(4549);

    Run dry = run("import", "--layer=zones", "--plan=pujiang-2021", "--dry-run", zip.toString());
    assertThat(dry.status()).as(dry.err()).isZero();
    assertThat(dry.out())
        .contains("\"dryRun\" : true")
        .contains("\"replaced\" : 11")
        .contains("\"GBK\"");

    assertThat(run("import", "--layer=roads", zip.toString()).status()).isEqualTo(2);
    assertThat(run("report", "--plan=no-such").status()).isEqualTo(1);
  }
}
