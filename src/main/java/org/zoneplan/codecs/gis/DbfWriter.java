package org.zoneplan.codecs.gis;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Streams a dBase III table (the {@code .dbf} of a shapefile) to a file: text as {@code C} fields
 * sized in bytes of the chosen encoding, numbers as {@code N} fields, the record count patched in
 * on {@link #close()}.
 *
 * <p>Text is cut at a character boundary when it does not fit (never half a GBK or UTF-8
 * character), and counted in {@link #truncatedValues()}; characters the encoding cannot hold become
 * {@code ?}. Null numbers are written as {@code *}s, as shapelib does. The language driver byte is
 * 0x4D (code page 936) for GBK, 0 otherwise. Not thread-safe.
 */
final class DbfWriter implements Closeable {
  /** dBase limit for a character field, bytes. */
  static final int MAX_TEXT_BYTES = 254;

  static final int INTEGER_WIDTH = 10;
  static final int REAL_WIDTH = 19;
  static final byte LANGUAGE_DRIVER_GBK = 0x4D;

  private static final long[] POWERS_OF_TEN = new long[16];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final FileChannel channel;
  private final List<ExportField> fields;
  private final int[] widths;
  private final int[] offsets;
  private final byte[] record;
  private final ByteBuffer buffer;
  private final CharsetEncoder encoder;
  private final byte languageDriver;
  private final char[] digits = new char[32];
  private int count;
  private long truncated;
  private long overflowed;

  DbfWriter(Path file, List<ExportField> fields, Charset charset) throws IOException {
    this.fields = fields;
    this.encoder =
        charset
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(new byte[] {'?'});
    this.languageDriver = isGbk(charset) ? LANGUAGE_DRIVER_GBK : 0;
    int n = fields.size();
    widths = new int[n];
    offsets = new int[n];
    int recordLength = 1; // deletion flag
    for (int i = 0; i < n; i++) {
      ExportField f = fields.get(i);
      widths[i] =
          switch (f.type()) {
            case TEXT ->
                Math.min(
                    MAX_TEXT_BYTES,
                    (int) Math.ceil(f.maxChars() * (double) encoder.maxBytesPerChar()));
            case INTEGER -> INTEGER_WIDTH;
            case REAL -> REAL_WIDTH;
          };
      offsets[i] = recordLength;
      recordLength += widths[i];
    }
    record = new byte[recordLength];
    buffer =
        ByteBuffer.allocate(Math.max(1 << 16, recordLength * 64)).order(ByteOrder.LITTLE_ENDIAN);
    channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    writeHeader(0);
    channel.position(32 + 32L * fields.size() + 1);
  }

  static boolean isGbk(Charset charset) {
    return charset.name().equals("GBK") || charset.aliases().contains("CP936");
  }

  /** The code page name for the {@code .cpg} file: {@code GBK} or {@code UTF-8}. */
  static String codePage(Charset charset) {
    return isGbk(charset) ? "GBK" : charset.name();
  }

  private void writeHeader(int records) throws IOException {
    int headerLength = 32 + 32 * fields.size() + 1;
    ByteBuffer header = ByteBuffer.allocate(headerLength).order(ByteOrder.LITTLE_ENDIAN);
    LocalDate today = LocalDate.now();
    header.put((byte) 0x03); // dBase III without memo
    header.put((byte) (today.getYear() - 1900));
    header.put((byte) today.getMonthValue());
    header.put((byte) today.getDayOfMonth());
    header.putInt(records);
    header.putShort((short) headerLength);
    header.putShort((short) record.length);
    header.position(29);
    header.put(languageDriver);
    header.position(32);
    for (int i = 0; i < fields.size(); i++) {
      ExportField f = fields.get(i);
      byte[] name = f.dbfName().getBytes(StandardCharsets.US_ASCII);
      int start = header.position();
      header.put(name);
      header.position(start + 11);
      header.put((byte) (f.type() == ExportField.Type.TEXT ? 'C' : 'N'));
      header.position(start + 16);
      header.put((byte) widths[i]);
      header.put((byte) (f.type() == ExportField.Type.REAL ? f.decimals() : 0));
      header.position(start + 32);
    }
    header.put((byte) 0x0D);
    header.flip();
    channel.write(header, 0);
  }

  void write(Object[] values) throws IOException {
    Arrays.fill(record, (byte) ' ');
    for (int i = 0; i < widths.length; i++) {
      Object value = values[i];
      ExportField f = fields.get(i);
      if (f.type() == ExportField.Type.TEXT) {
        if (value != null) {
          text(value.toString(), offsets[i], widths[i]);
        }
      } else if (value == null || (value instanceof Double d && !Double.isFinite(d))) {
        Arrays.fill(record, offsets[i], offsets[i] + widths[i], (byte) '*');
      } else if (f.type() == ExportField.Type.INTEGER) {
        number(((Number) value).longValue(), 0, offsets[i], widths[i]);
      } else {
        real(((Number) value).doubleValue(), f.decimals(), offsets[i], widths[i]);
      }
    }
    if (buffer.remaining() < record.length) {
      flush();
    }
    buffer.put(record);
    count++;
  }

  private void text(String s, int offset, int width) {
    ByteBuffer out = ByteBuffer.wrap(record, offset, width);
    encoder.reset();
    CoderResult result = encoder.encode(CharBuffer.wrap(s), out, true);
    if (result.isOverflow()) {
      truncated++;
    } else {
      encoder.flush(out);
    }
  }

  private void real(double v, int decimals, int offset, int width) {
    double scaled = Math.abs(v) * POWERS_OF_TEN[decimals];
    if (scaled < 1e15) {
      number(v < 0 ? -Math.round(scaled) : Math.round(scaled), decimals, offset, width);
    } else {
      byte[] text =
          BigDecimal.valueOf(v)
              .setScale(decimals, RoundingMode.HALF_EVEN)
              .toPlainString()
              .getBytes(StandardCharsets.US_ASCII);
      put(text, text.length, offset, width);
    }
  }

  /** Writes {@code unscaled / 10^decimals} right-aligned. */
  private void number(long unscaled, int decimals, int offset, int width) {
    boolean negative = unscaled < 0;
    long rest = Math.abs(unscaled);
    int pos = digits.length;
    int written = 0;
    do {
      if (written == decimals && decimals > 0) {
        digits[--pos] = '.';
      }
      digits[--pos] = (char) ('0' + (rest % 10));
      rest /= 10;
      written++;
    } while (rest > 0 || written <= decimals);
    if (negative) {
      digits[--pos] = '-';
    }
    int length = digits.length - pos;
    if (length > width) {
      overflowed++;
      Arrays.fill(record, offset, offset + width, (byte) '*');
      return;
    }
    int start = offset + width - length;
    for (int i = 0; i < length; i++) {
      record[start + i] = (byte) digits[pos + i];
    }
  }

  private void put(byte[] text, int length, int offset, int width) {
    if (length > width) {
      overflowed++;
      Arrays.fill(record, offset, offset + width, (byte) '*');
      return;
    }
    System.arraycopy(text, 0, record, offset + width - length, length);
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  int count() {
    return count;
  }

  /** Text values cut to fit their field. */
  long truncatedValues() {
    return truncated;
  }

  /** Numbers too wide for their field, written as {@code *}s (null to readers). */
  long overflowedValues() {
    return overflowed;
  }

  @Override
  public void close() throws IOException {
    try {
      if (!buffer.hasRemaining()) {
        flush();
      }
      buffer.put((byte) 0x1A); // end of file
      flush();
      writeHeader(count);
    } finally {
      channel.close();
    }
  }
}
