package org.zoneplan.codecs;

/**
 * Bounds on what a table reader accepts; a file over any of them is refused with a {@link
 * CodecException} as soon as the reader meets it, before the rest is read.
 *
 * @param maxRows most rows, header included (default 1,000,000)
 * @param maxColumns most columns of a row (default 256)
 * @param maxCellChars most characters in a cell (default 32,767, Excel's own limit)
 * @param maxUncompressedBytes .xlsx only: most bytes one part of the zip may expand to (default 1
 *     GB; a 100,000-row sheet is about 50 MB)
 * @param minInflateRatio .xlsx only: smallest compressed ÷ uncompressed size of a part (default
 *     0.01, i.e. at most 100× compression; sheets compress 5–20×, a zip bomb a thousand times)
 */
public record TableLimits(
    long maxRows,
    int maxColumns,
    int maxCellChars,
    long maxUncompressedBytes,
    double minInflateRatio) {
  public static final TableLimits DEFAULT = new TableLimits(1_000_000, 256, 32_767, 1L << 30, 0.01);

  public TableLimits {
    if (maxRows < 1 || maxColumns < 1 || maxCellChars < 1 || maxUncompressedBytes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (!(minInflateRatio > 0 && minInflateRatio < 1)) {
      throw new IllegalArgumentException("minInflateRatio must be in (0, 1)");
    }
  }

  public TableLimits withMaxRows(long rows) {
    return new TableLimits(rows, maxColumns, maxCellChars, maxUncompressedBytes, minInflateRatio);
  }
}
