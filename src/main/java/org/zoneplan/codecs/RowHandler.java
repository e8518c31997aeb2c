package org.zoneplan.codecs;

import java.util.List;

/**
 * Receives the rows of a table as they are read, the first (the header, usually) included. Rows in
 * which every cell is empty are not passed on.
 */
@FunctionalInterface
public interface RowHandler {
  /**
   * @param row the row's number as a spreadsheet shows it (1 = the first)
   * @param cells the cells' text from column A on, trimmed; an empty cell is {@code ""}; numbers
   *     are written plainly ({@code 2024}, {@code 12.5}, never {@code 1.2E3}), dates as {@code
   *     yyyy-MM-dd}; the list is only valid during the call
   */
  void row(long row, List<String> cells);
}
