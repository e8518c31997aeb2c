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

  /** A part of a file name: characters that file systems refuse become "_". */
  public static String namePart(String text) {
    return text == null ? "" : text.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
  }
}
