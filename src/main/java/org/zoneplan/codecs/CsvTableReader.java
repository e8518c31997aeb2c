package org.zoneplan.codecs;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV table (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes
 * doubled and line breaks) as a stream, one row at a time. The encoding is UTF-8 (with or without a
 * byte-order mark) or, when the start of the file is not valid UTF-8, GB18030 (a superset of GBK,
 * what Excel on a Chinese Windows writes); a byte invalid in that encoding later on is refused, not
 * replaced. Not thread-safe; one instance reads one file at a time.
 */
public final class CsvTableReader {
  /** How much of the start decides the encoding. */
  private static final int SNIFF_BYTES = 1 << 20;

  public static final Charset GB18030 = Charset.forName("GB18030");

  private final TableLimits limits;

  public CsvTableReader(TableLimits limits) {
    this.limits = limits;
  }

  /**
   * Reads every row.
   *
   * @param charset the encoding, or null to decide it from the start of the file
   * @throws CodecException for a bad encoding, an unterminated quote or a limit passed
   */
  public void read(InputStream input, Charset charset, RowHandler handler) throws IOException {
    BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
    if (charset == null) {
      charset = detect(in);
    }
    skipUtf8Bom(in, charset);
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    parse(new BufferedReader(new InputStreamReader(in, decoder), 1 << 16), handler, charset);
  }

  /** UTF-8 when the first megabyte is valid UTF-8 (or starts with its BOM), GB18030 otherwise. */
  static Charset detect(BufferedInputStream in) throws IOException {
    in.mark(SNIFF_BYTES + 1);
    byte[] head = in.readNBytes(SNIFF_BYTES);
    in.reset();
    if (head.length >= 3
        && (head[0] & 0xff) == 0xEF
        && (head[1] & 0xff) == 0xBB
        && (head[2] & 0xff) == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    int end = head.length;
    if (end == SNIFF_BYTES) {
      // The sample may end inside a character: drop a trailing partial UTF-8 sequence.
      int k = end - 1;
      while (k > end - 4 && k >= 0 && (head[k] & 0xC0) == 0x80) {
        k--;
      }
      if (k >= 0 && (head[k] & 0x80) != 0) {
        end = k;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, 0, end));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException e) {
      return GB18030;
    }
  }

  private static void skipUtf8Bom(BufferedInputStream in, Charset charset) throws IOException {
    if (!charset.equals(StandardCharsets.UTF_8)) {
      return;
    }
    in.mark(3);
    byte[] b = in.readNBytes(3);
    if (!(b.length == 3
        && (b[0] & 0xff) == 0xEF
        && (b[1] & 0xff) == 0xBB
        && (b[2] & 0xff) == 0xBF)) {
      in.reset();
    }
  }

  private void parse(BufferedReader reader, RowHandler handler, Charset charset)
      throws IOException {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    long row = 1;
    boolean quoted = false; // inside a quoted field
    boolean wasQuoted = false; // the current field was quoted (do not trim its content)
    boolean any = false; // the current row has any character
    int pending = -1; // a character read ahead
    while (true) {
      int c;
      if (pending >= 0) {
        c = pending;
        pending = -1;
      } else {
        c = readChar(reader, row, cells.size() + 1, charset);
      }
      if (c < 0) {
        break;
      }
      if (quoted) {
        if (c == '"') {
          int next = readChar(reader, row, cells.size() + 1, charset);
          if (next == '"') {
            append(cell, '"', row, cells.size() + 1);
          } else {
            quoted = false;
            pending = next;
          }
        } else {
          append(cell, (char) c, row, cells.size() + 1);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          if (cell.toString().isBlank()) {
            cell.setLength(0);
            quoted = true;
            wasQuoted = true;
            any = true;
          } else {
            append(cell, '"', row, cells.size() + 1);
          }
        }
        case ',' -> {
          addCell(cells, cell, wasQuoted, row);
          wasQuoted = false;
          any = true;
        }
        case '\r', '\n' -> {
          if (c == '\r') {
            int next = readChar(reader, row, cells.size() + 1, charset);
            if (next != '\n') {
              pending = next;
            }
          }
          if (any || cell.length() > 0) {
            addCell(cells, cell, wasQuoted, row);
            emit(handler, row, cells);
          }
          cells.clear();
          wasQuoted = false;
          any = false;
          row++;
        }
        default -> {
          append(cell, (char) c, row, cells.size() + 1);
          any = true;
        }
      }
    }
    if (quoted) {
      throw new CodecException(
          row, cells.size() + 1, "引号未闭合 (a quoted field is not closed before the end of the file)");
    }
    if (any || cell.length() > 0) {
      addCell(cells, cell, wasQuoted, row);
      emit(handler, row, cells);
    }
  }

  private static int readChar(BufferedReader reader, long row, int column, Charset charset)
      throws IOException {
    try {
      return reader.read();
    } catch (CharacterCodingException e) {
      throw new CodecException(
          row,
          column,
          "文件编码错误: 不是有效的 " + charset.name() + " 文本 (invalid " + charset.name() + ")",
          e);
    }
  }

  private void append(StringBuilder cell, char c, long row, int column) {
    if (cell.length() >= limits.maxCellChars()) {
      throw new CodecException(
          row, column, "单元格超过 " + limits.maxCellChars() + " 字 (cell too long)");
    }
    cell.append(c);
  }

  private void addCell(List<String> cells, StringBuilder cell, boolean wasQuoted, long row) {
    if (cells.size() >= limits.maxColumns()) {
      throw new CodecException(
          row, cells.size() + 1, "超过 " + limits.maxColumns() + " 列 (too many columns)");
    }
    cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
    cell.setLength(0);
  }

  private void emit(RowHandler handler, long row, List<String> cells) {
    if (row > limits.maxRows()) {
      throw new CodecException(row, 0, "超过 " + limits.maxRows() + " 行 (too many rows)");
    }
    for (String c : cells) {
      if (!c.isEmpty()) {
        handler.row(row, cells);
        return;
      }
    }
  }
}
