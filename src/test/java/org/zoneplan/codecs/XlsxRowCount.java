package org.zoneplan.codecs;

import java.nio.file.Path;

/**
 * Reads an .xlsx with {@link XlsxTableReader} and prints the number of rows and the sum of column D
 * (from row 2): run in a JVM with a small heap by {@link TableCodecTest}.
 */
public final class XlsxRowCount {
  private XlsxRowCount() {}

  public static void main(String[] args) {
    long[] rows = {0};
    double[] sum = {0};
    new XlsxTableReader(TableLimits.DEFAULT)
        .read(
            Path.of(args[0]),
            0,
            (r, cells) -> {
              rows[0]++;
              if (r > 1) {
                sum[0] += Double.parseDouble(cells.get(3));
              }
            });
    System.out.println(rows[0] + " " + XlsxTableReader.plain(sum[0]));
  }
}
