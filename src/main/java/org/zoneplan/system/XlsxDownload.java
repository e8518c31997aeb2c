package org.zoneplan.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.zoneplan.codecs.XlsxTableWriter;

/**
 * A table of the page as an .xlsx download: the workbook is written in full (through {@link
 * XlsxTableWriter}) before anything is sent, so a failure is still a problem answer and never a
 * half-written file; these tables are small (zones, divisions, years, at most the scattered parcels
 * of a county), so they are sent from memory with their length. The file name may be Chinese: it
 * goes in {@code filename*} (RFC 5987, UTF-8) with an ASCII fallback in {@code filename} (Spring's
 * {@link ContentDisposition}).
 */
public final class XlsxDownload {
  public static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  /** Writes the sheets of one workbook. */
  @FunctionalInterface
  public interface Sheets {
    void write(XlsxTableWriter writer);
  }

  private XlsxDownload() {}

  /** The workbook written by {@code sheets}, as an attachment named {@code fileName}. */
  public static ResponseEntity<byte[]> of(String fileName, Sheets sheets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XlsxTableWriter writer = new XlsxTableWriter()) {
      sheets.write(writer);
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(out.toByteArray());
  }

  /**
   * Whether a request for a table asks for .xlsx: {@code format=xlsx}, or an {@code Accept} header
   * naming the .xlsx type explicitly (a wildcard {@code *}{@code /*} does not: it keeps the JSON
   * answer). Decided in the handler rather than by a {@code produces} mapping, which Spring would
   * prefer over the JSON handler for {@code Accept: *}{@code /*}.
   *
   * @param others the other values {@code format} may take (e.g. {@code json}, {@code geojson})
   * @throws ApiProblem 422 for any other {@code format}
   */
  public static boolean asked(String format, String accept, String... others) {
    if (format != null) {
      String f = format.strip().toLowerCase(java.util.Locale.ROOT);
      if (f.equals("xlsx")) {
        return true;
      }
      if (java.util.Arrays.asList(others).contains(f)) {
        return false;
      }
      throw ApiProblem.invalid(
              "invalid-format",
              "format must be xlsx"
                  + (others.length == 0 ? "" : " or " + String.join(", ", others))
                  + ", was '"
                  + format
                  + "'")
          .with("parameter", "format");
    }
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(XLSX.toString());
  }

  /** A part of a file name: characters that file systems refuse become "_". */
  public static String namePart(String text) {
    return text == null ? "" : text.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
  }
}
