package org.zoneplan.enterprises;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of a cell as a value, the way officials' sheets write them; each method throws
 * {@link IllegalArgumentException} with the reason in Chinese (and English) when the text is not
 * such a value. A blank cell is null.
 */
final class Cells {
  private static final Pattern THOUSANDS = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern DATE =
      Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
  private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

  private Cells() {}

  static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  /** A number: full-width digits and thousands separators (1,234.5) are read too. */
  static Double number(String text) {
    if (blank(text)) {
      return null;
    }
    String t = Normalizer.normalize(text.strip(), Normalizer.Form.NFKC);
    if (THOUSANDS.matcher(t).matches()) {
      t = t.replace(",", "");
    }
    try {
      double v = Double.parseDouble(t);
      if (!Double.isFinite(v)
          || t.endsWith("d")
          || t.endsWith("f")
          || t.endsWith("D")
          || t.endsWith("F")) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text.strip() + "\" 不是数字 (not a number)");
    }
  }

  /** A number ≥ 0. */
  static Double figure(String text) {
    Double v = number(text);
    if (v != null && v < 0) {
      throw new IllegalArgumentException("数值为负: " + text.strip() + " (negative figure)");
    }
    return v;
  }

  /** A whole number (2024, or 2024.0 as a spreadsheet may store it). */
  static Integer whole(String text) {
    Double v = number(text);
    if (v == null) {
      return null;
    }
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("\"" + text.strip() + "\" 不是整数 (not a whole number)");
    }
    return (int) (double) v;
  }

  /** A whole number ≥ 0. */
  static Integer count(String text) {
    Integer v = whole(text);
    if (v != null && v < 0) {
      throw new IllegalArgumentException("数值为负: " + text.strip() + " (negative figure)");
    }
    return v;
  }

  static Long id(String text) {
    Double v = number(text);
    if (v == null) {
      return null;
    }
    if (v != Math.rint(v) || v < 1 || v > 9e15) {
      throw new IllegalArgumentException("\"" + text.strip() + "\" 不是地块编号 (not a parcel id)");
    }
    return (long) (double) v;
  }

  /** 2023-06-01, 2023/6/1, 2023.6.1, 2023年6月1日 or 20230601. */
  static LocalDate date(String text) {
    if (blank(text)) {
      return null;
    }
    String t = Normalizer.normalize(text.strip(), Normalizer.Form.NFKC);
    Matcher m = DATE.matcher(t);
    if (!m.matches()) {
      m = COMPACT_DATE.matcher(t);
    }
    if (m.matches()) {
      try {
        return LocalDate.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
      } catch (java.time.DateTimeException e) {
        // falls through
      }
    }
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "\"" + text.strip() + "\" 不是日期 (not a date; write 2023-06-01)");
    }
  }

  /** 是/否, Y/N, true/false, 1/0 (and the given words for true and false). */
  static Boolean yesNo(String text, String yes, String no) {
    if (blank(text)) {
      return null;
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals(yes)
        || t.equals("是")
        || t.equals("y")
        || t.equals("yes")
        || t.equals("true")
        || t.equals("1")) {
      return true;
    }
    if (t.equals(no)
        || t.equals("否")
        || t.equals("n")
        || t.equals("no")
        || t.equals("false")
        || t.equals("0")) {
      return false;
    }
    throw new IllegalArgumentException(
        "\"" + text.strip() + "\" 应为 " + yes + "/" + no + " (expected " + yes + " or " + no + ")");
  }

  /** Text up to {@code max} characters (null when blank). */
  static String text(String text, int max) {
    if (blank(text)) {
      return null;
    }
    String t = text.strip();
    if (t.length() > max) {
      throw new IllegalArgumentException("超过 " + max + " 字 (longer than " + max + " characters)");
    }
    return t;
  }
}
