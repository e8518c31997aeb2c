package org.zoneplan.codecs;

/**
 * A table file that cannot be read (or written): not the format it claims, over a limit, a bad
 * encoding. Carries where, as the user sees it in a spreadsheet: the row (1 = the first row) and
 * the column (1 = A), each 0 when it does not apply.
 */
public class CodecException extends RuntimeException {
  private final long row;
  private final int column;

  public CodecException(long row, int column, String message) {
    super(message);
    this.row = row;
    this.column = column;
  }

  public CodecException(long row, int column, String message, Throwable cause) {
    super(message, cause);
    this.row = row;
    this.column = column;
  }

  /** 1-based row, 0 when the problem is not in a row. */
  public long row() {
    return row;
  }

  /** 1-based column, 0 when the problem is not in a cell. */
  public int column() {
    return column;
  }
}
