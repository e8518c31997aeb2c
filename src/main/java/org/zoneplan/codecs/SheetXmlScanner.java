package org.zoneplan.codecs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A small XML scanner for the parts of an .xlsx that hold cells (worksheets and the shared-strings
 * table), working on the inflated UTF-8 bytes directly: it tells a {@link Sink} of the few elements
 * a sheet's cells are made of ({@code row, c, v, is, t, rPh, si}; a prefix such as {@code x:} is
 * dropped; other elements are passed over with their attributes unread), with the attributes of
 * {@code <row>} and {@code <c>} already turned into numbers (row number, column, type, style)
 * rather than strings, and of the text only what lies in such elements, entities and character
 * references resolved, a run of ASCII (numbers, codes) copied without decoding. Comments and
 * processing instructions are skipped; a document type declaration is refused, as by POI's secure
 * SAX settings; invalid UTF-8, a bad entity, an unquoted attribute or a part cut short is an {@link
 * IOException} naming it. It does not check that end tags match start tags. Text is passed on in
 * chunks of at most {@value #CHUNK} characters, so memory stays bounded whatever the input.
 *
 * <p>It reads UTF-8 only (what every spreadsheet program writes); for a part in another encoding
 * {@link #read} hands the same events to the sink from the JDK's SAX parser (with POI's secure
 * settings). About five times faster than that parser on a sheet (measured by {@code
 * bench/…/EnterpriseImportBenchmark}, where the XML of 100,000 rows is some 50 MB). Not
 * thread-safe.
 */
final class SheetXmlScanner {
  static final int CHUNK = 8192;
  private static final int MAX_NAME = 256;

  /** The elements a {@link Sink} is told of; others are {@link #OTHER} and not passed on. */
  static final int OTHER = 0;

  static final int ROW = 1;
  static final int C = 2;
  static final int V = 3;
  static final int T = 4;
  static final int IS = 5;
  static final int RPH = 6;
  static final int SI = 7;

  /** A cell's type (its {@code t} attribute): a number, also when {@code t} is absent. */
  static final int NUMBER = 0;

  /** {@code t="s"}: an index into the shared strings. */
  static final int SHARED = 1;

  /** {@code t="b"}. */
  static final int BOOLEAN = 2;

  /** {@code t="d"}: an ISO 8601 date. */
  static final int ISO_DATE = 3;

  /** {@code inlineStr}, {@code str} (a formula's text), {@code e} (an error) or anything else. */
  static final int TEXT = 4;

  /** What the scanner reports, in document order. */
  interface Sink {
    /**
     * A {@code <row>} start tag.
     *
     * @param r its {@code r} attribute (1 = the first row), or -1 when it has none
     */
    default void startRow(long r) {}

    /**
     * A {@code <c>} start tag.
     *
     * @param column the 0-based column of its {@code r} attribute ({@code AB12} → 27), -1 when it
     *     has none
     * @param type {@link #NUMBER}, {@link #SHARED}, {@link #BOOLEAN}, {@link #ISO_DATE} or {@link
     *     #TEXT}
     * @param style its {@code s} attribute, 0 when it has none
     */
    default void startCell(int column, int type, int style) {}

    /** A start tag of {@link #V}, {@link #T}, {@link #IS}, {@link #RPH} or {@link #SI}. */
    void start(int element);

    /** An end tag (or the end of an empty-element tag) of any element but {@link #OTHER}. */
    void end(int element);

    /** Text inside an element the sink was told of; the array is only valid during the call. */
    void text(char[] chars, int start, int length);
  }

  private final InputStream in;
  private final Sink sink;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;
  private char[] text = new char[CHUNK + 2];
  private int textLength;
  private final byte[] name = new byte[MAX_NAME];
  private int nameStart;
  private final char[] value = new char[MAX_NAME + 2];
  private int valueLength;

  /** How many elements are open; end tags are not matched to start tags, only counted. */
  private int depth;

  private SheetXmlScanner(InputStream in, Sink sink) {
    this.in = in;
    this.sink = sink;
  }

  /**
   * Reads a whole part, with this scanner when it is UTF-8 (no byte-order mark of UTF-16 or -32, no
   * XML declaration naming another encoding), else with the JDK's SAX parser.
   *
   * @throws IOException for malformed XML (SAX's {@link SAXException} comes wrapped) or a failure
   *     of the stream; what the sink throws is passed on unchanged
   */
  static void read(InputStream in, Sink sink) throws IOException {
    SheetXmlScanner scanner = new SheetXmlScanner(in, sink);
    scanner.available(200);
    if (scanner.isUtf8()) {
      scanner.scan();
      return;
    }
    InputStream whole =
        new SequenceInputStream(
            new ByteArrayInputStream(scanner.buf, scanner.pos, scanner.end - scanner.pos), in);
    try {
      XMLReader xml = XMLHelper.newXMLReader();
      xml.setContentHandler(new SaxEvents(sink));
      xml.parse(new InputSource(whole));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    } catch (SAXException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Whether the bytes at the start (up to 200) are of a UTF-8 part. */
  private boolean isUtf8() {
    int n = Math.min(200, end - pos);
    if (n >= 2 && (buf[pos] == 0 || buf[pos + 1] == 0 || (buf[pos] & 0xff) >= 0xFE)) {
      return false; // UTF-16 or UTF-32, with or without a byte-order mark
    }
    String start = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
    if (start.startsWith("\u00EF\u00BB\u00BF")) {
      start = start.substring(3);
    }
    if (!start.startsWith("<?xml")) {
      return true;
    }
    int close = start.indexOf("?>");
    String declaration = close < 0 ? start : start.substring(0, close);
    int at = declaration.indexOf("encoding");
    if (at < 0) {
      return true;
    }
    String rest = declaration.substring(at + "encoding".length()).replaceAll("^\\s*=\\s*", "");
    if (rest.isEmpty()) {
      return false;
    }
    char quote = rest.charAt(0);
    int stop = rest.indexOf(quote, 1);
    String encoding = stop < 0 ? "" : rest.substring(1, stop).toLowerCase(Locale.ROOT);
    return encoding.equals("utf-8") || encoding.equals("utf8");
  }

  private void scan() throws IOException {
    if (available(3)
        && buf[pos] == (byte) 0xEF
        && buf[pos + 1] == (byte) 0xBB
        && buf[pos + 2] == (byte) 0xBF) {
      pos += 3; // a UTF-8 byte-order mark
    }
    while (true) {
      if (pos >= end && !fill()) {
        flushText();
        if (depth != 0) {
          throw malformed("end of file before the end of the document");
        }
        return;
      }
      if (buf[pos] != '<') {
        textUntilMarkup();
        continue;
      }
      flushText();
      pos++;
      int next = peek();
      if (next == '/') {
        pos++;
        int element = readElement();
        skipSpace();
        expect('>');
        if (--depth < 0) {
          throw malformed("an end tag without a start tag");
        }
        if (element != OTHER) {
          sink.end(element);
        }
      } else if (next == '?') {
        skipPast("?>");
      } else if (next == '!') {
        markupDeclaration();
      } else {
        startTag();
      }
    }
  }

  private void startTag() throws IOException {
    int element = readElement();
    long r = -1;
    int column = -1;
    int type = NUMBER;
    int style = 0;
    while (true) {
      skipSpace();
      int c = read();
      boolean empty = c == '/';
      if (c == '>' || empty) {
        if (empty) {
          expect('>');
        } else {
          depth++;
        }
        switch (element) {
          case OTHER -> {}
          case ROW -> sink.startRow(r);
          case C -> sink.startCell(column, type, style);
          default -> sink.start(element);
        }
        if (empty && element != OTHER) {
          sink.end(element);
        }
        return;
      }
      if (c < 0) {
        throw malformed("end of file inside a tag");
      }
      pos--;
      // Of the attributes only row's r and c's r, t and s are read; the others are skipped.
      int length = readRawName();
      skipSpace();
      expect('=');
      skipSpace();
      int quote = read();
      if (quote != '"' && quote != '\'') {
        throw malformed("attribute value without quotes");
      }
      byte attribute = length == 1 ? buf[nameStart] : 0;
      boolean wanted =
          element == C
              ? attribute == 'r' || attribute == 't' || attribute == 's'
              : element == ROW && attribute == 'r';
      if (!wanted) {
        skipUntil((byte) quote);
        pos++;
        continue;
      }
      attributeValue((byte) quote);
      if (element == ROW) {
        r = number(true);
      } else if (attribute == 'r') {
        column = column(value, valueLength);
        if (column < 0) {
          throw malformed("bad cell reference \"" + new String(value, 0, valueLength) + "\"");
        }
      } else if (attribute == 't') {
        type = type(value, valueLength);
      } else {
        style = (int) number(false);
      }
    }
  }

  /** Reads an attribute's value, entities resolved, into {@link #value}. */
  private void attributeValue(byte quote) throws IOException {
    ensure(MAX_NAME + 1);
    byte[] bytes = buf;
    int stop = Math.min(end, pos + MAX_NAME);
    for (int p = pos; p < stop; p++) {
      byte b = bytes[p];
      if (b == quote) {
        // ASCII without entities, as nearly always: copied as it is.
        char[] v = value;
        for (int i = pos; i < p; i++) {
          v[i - pos] = (char) bytes[i];
        }
        valueLength = p - pos;
        pos = p + 1;
        return;
      }
      if (b <= 0 || b == '&' || b == '<') {
        break;
      }
    }
    textLength = 0;
    while (true) {
      if (pos >= end && !fill()) {
        throw malformed("end of file inside an attribute");
      }
      byte b = buf[pos];
      if (b == quote) {
        pos++;
        break;
      }
      if (b > 0 && b != '&' && b != '<') {
        text[textLength++] = (char) b;
        pos++;
      } else if (b == '<') {
        throw malformed("'<' in an attribute");
      } else {
        decodeOne();
      }
      if (textLength > MAX_NAME) {
        throw malformed("attribute too long");
      }
    }
    System.arraycopy(text, 0, value, 0, textLength);
    valueLength = textLength;
    textLength = 0;
  }

  /** The attribute value just read as a decimal number of at most 18 digits. */
  private long number(boolean row) throws IOException {
    if (valueLength == 0 || valueLength > 18) {
      throw malformed(row ? "bad row number" : "bad style index");
    }
    long n = 0;
    for (int i = 0; i < valueLength; i++) {
      char c = value[i];
      if (c < '0' || c > '9') {
        throw malformed(
            (row ? "bad row number" : "bad style index")
                + " \""
                + new String(value, 0, valueLength)
                + "\"");
      }
      n = n * 10 + (c - '0');
    }
    if (!row && n > Integer.MAX_VALUE) {
      throw malformed("bad style index");
    }
    return n;
  }

  /** The 0-based column of a cell reference such as {@code AB12}, -1 without letters. */
  static int column(char[] reference, int length) {
    int column = 0;
    for (int i = 0; i < length && column <= 1 << 20; i++) {
      char c = reference[i];
      if (c >= 'A' && c <= 'Z') {
        column = column * 26 + (c - 'A' + 1);
      } else if (c >= 'a' && c <= 'z') {
        column = column * 26 + (c - 'a' + 1);
      } else {
        break;
      }
    }
    return column - 1;
  }

  /** A cell's {@code t} attribute as one of the type constants. */
  static int type(char[] t, int length) {
    if (length == 1) {
      return switch (t[0]) {
        case 'n' -> NUMBER;
        case 's' -> SHARED;
        case 'b' -> BOOLEAN;
        case 'd' -> ISO_DATE;
        default -> TEXT;
      };
    }
    return TEXT;
  }

  private void markupDeclaration() throws IOException {
    if (startsWith("!--")) {
      pos += 3;
      skipPast("-->");
    } else if (startsWith("![CDATA[")) {
      pos += 8;
      // Raw text up to ]]>, passed on as text.
      textLength = 0;
      while (true) {
        if (startsWith("]]>")) {
          pos += 3;
          flushText();
          return;
        }
        if (pos >= end && !fill()) {
          throw malformed("end of file inside CDATA");
        }
        decodeUtf8();
        if (textLength >= CHUNK) {
          flushText();
        }
      }
    } else {
      throw malformed("DOCTYPE is disallowed");
    }
  }

  /** Text up to the next {@code <}, entities resolved. */
  private void textUntilMarkup() throws IOException {
    while (true) {
      if (pos >= end && !fill()) {
        return;
      }
      byte b = buf[pos];
      if (b == '<') {
        return;
      }
      if (b > 0 && b != '&') {
        // A run of ASCII (numbers, codes, most of a sheet's text) copied without decoding.
        int stop = Math.min(end, pos + (CHUNK - textLength));
        int p = pos;
        int n = textLength;
        char[] t = text;
        byte[] bytes = buf;
        while (p < stop) {
          byte c = bytes[p];
          if (c <= 0 || c == '<' || c == '&') {
            break;
          }
          t[n++] = (char) c;
          p++;
        }
        pos = p;
        textLength = n;
      } else {
        decodeOne();
      }
      if (textLength >= CHUNK) {
        flushText();
      }
    }
  }

  private void flushText() {
    if (textLength > 0) {
      sink.text(text, 0, textLength);
      textLength = 0;
    }
  }

  /** Decodes one character or entity at {@code pos} into {@link #text}. */
  private void decodeOne() throws IOException {
    if (buf[pos] == '&') {
      pos++;
      entity();
    } else {
      decodeUtf8();
    }
  }

  private void entity() throws IOException {
    int length = 0;
    while (true) {
      int c = read();
      if (c == ';') {
        break;
      }
      if (c < 0 || length >= 12) {
        throw malformed("bad entity");
      }
      name[length++] = (byte) c;
    }
    String e = new String(name, 0, length, StandardCharsets.ISO_8859_1);
    int code =
        switch (e) {
          case "lt" -> '<';
          case "gt" -> '>';
          case "amp" -> '&';
          case "quot" -> '"';
          case "apos" -> '\'';
          default -> {
            try {
              if (e.startsWith("#x")) {
                yield Integer.parseInt(e.substring(2), 16);
              } else if (e.startsWith("#")) {
                yield Integer.parseInt(e.substring(1));
              }
            } catch (NumberFormatException ignored) {
              // fall through to the error below
            }
            throw malformed("unknown entity &" + e + ";");
          }
        };
    if (!Character.isValidCodePoint(code)) {
      throw malformed("bad character reference &" + e + ";");
    }
    appendCodePoint(code);
  }

  /** Decodes one UTF-8 character at {@code pos}. */
  private void decodeUtf8() throws IOException {
    int b = buf[pos++] & 0xff;
    if (b < 0x80) {
      text[textLength++] = (char) b;
      return;
    }
    int extra;
    int cp;
    if (b >= 0xC2 && b < 0xE0) {
      extra = 1;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b < 0xF0) {
      extra = 2;
      cp = b & 0x0F;
    } else if (b >= 0xF0 && b < 0xF5) {
      extra = 3;
      cp = b & 0x07;
    } else {
      throw malformed("invalid UTF-8");
    }
    for (int i = 0; i < extra; i++) {
      int c = read();
      if (c < 0 || (c & 0xC0) != 0x80) {
        throw malformed("invalid UTF-8");
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((extra == 2 && cp < 0x800)
        || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))
        || (cp >= 0xD800 && cp <= 0xDFFF)) {
      throw malformed("invalid UTF-8");
    }
    appendCodePoint(cp);
  }

  /** Appends to {@link #text}, which has room for two more characters than {@link #CHUNK}. */
  private void appendCodePoint(int cp) {
    if (cp < 0x10000) {
      text[textLength++] = (char) cp;
    } else {
      text[textLength++] = Character.highSurrogate(cp);
      text[textLength++] = Character.lowSurrogate(cp);
    }
  }

  /** Reads an element's name, its prefix dropped, as one of the element constants. */
  private int readElement() throws IOException {
    int length = readRawName();
    byte[] name = buf;
    int start = nameStart;
    for (int i = nameStart; i < nameStart + length; i++) {
      if (name[i] == ':') {
        start = i + 1;
      }
    }
    int n = nameStart + length - start;
    if (n == 0) {
      throw malformed("empty name");
    }
    byte a = name[start];
    if (n == 1) {
      return a == 'c' ? C : a == 'v' ? V : a == 't' ? T : OTHER;
    }
    byte b = name[start + 1];
    if (n == 2) {
      return a == 'i' && b == 's' ? IS : a == 's' && b == 'i' ? SI : OTHER;
    }
    if (n == 3) {
      byte c = name[start + 2];
      return a == 'r' && b == 'o' && c == 'w'
          ? ROW
          : a == 'r' && b == 'P' && c == 'h' ? RPH : OTHER;
    }
    return OTHER;
  }

  /** What a byte is to a name: 0 part of it, 1 its end (white space, &gt;, /, =), 2 not allowed. */
  private static final byte[] NAME_BYTE = new byte[256];

  static {
    for (char c : " \t\n\r>/=".toCharArray()) {
      NAME_BYTE[c] = 1;
    }
    for (char c : "<\"'&".toCharArray()) {
      NAME_BYTE[c] = 2;
    }
  }

  /**
   * Reads a name, which is left in the buffer at {@link #nameStart} (valid until the buffer is next
   * filled); returns its length in bytes.
   */
  private int readRawName() throws IOException {
    ensure(MAX_NAME + 1);
    byte[] bytes = buf;
    int p = pos;
    int stop = Math.min(end, pos + MAX_NAME + 1);
    while (p < stop && NAME_BYTE[bytes[p] & 0xff] == 0) {
      p++;
    }
    if (p == stop) {
      throw malformed(
          stop == end && end - pos <= MAX_NAME ? "end of file inside a tag" : "name too long");
    }
    if (NAME_BYTE[bytes[p] & 0xff] == 2) {
      throw malformed("bad character in a name");
    }
    int length = p - pos;
    if (length == 0) {
      throw malformed("empty name");
    }
    nameStart = pos;
    pos = p;
    return length;
  }

  /** Reads until at least {@code n} bytes are in the buffer at {@code pos}, or to the end. */
  private void ensure(int n) throws IOException {
    if (end - pos < n) {
      compact();
      while (end - pos < n) {
        int read = in.read(buf, end, buf.length - end);
        if (read < 0) {
          return;
        }
        end += read;
      }
    }
  }

  private void skipSpace() throws IOException {
    while (true) {
      if (pos >= end && !fill()) {
        return;
      }
      byte c = buf[pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void skipUntil(byte stop) throws IOException {
    while (true) {
      if (pos >= end && !fill()) {
        throw malformed("unexpected end of file");
      }
      byte[] bytes = buf;
      int p = pos;
      int e = end;
      while (p < e && bytes[p] != stop) {
        p++;
      }
      pos = p;
      if (p < e) {
        return;
      }
    }
  }

  private void skipPast(String marker) throws IOException {
    while (true) {
      if (startsWith(marker)) {
        pos += marker.length();
        return;
      }
      if (pos >= end && !fill()) {
        throw malformed("unexpected end of file");
      }
      pos++;
    }
  }

  /** Whether the bytes at {@code pos} are {@code s} (ASCII); keeps them in the buffer. */
  private boolean startsWith(String s) throws IOException {
    if (!available(s.length())) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (buf[pos + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code n} more bytes can be had at {@code pos}; reads them into the buffer. */
  private boolean available(int n) throws IOException {
    if (end - pos < n) {
      compact();
      while (end - pos < n) {
        int read = in.read(buf, end, buf.length - end);
        if (read < 0) {
          return false;
        }
        end += read;
      }
    }
    return true;
  }

  private int peek() throws IOException {
    if (pos >= end && !fill()) {
      return -1;
    }
    return buf[pos];
  }

  private int read() throws IOException {
    if (pos >= end && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  private void expect(char c) throws IOException {
    if (read() != c) {
      throw malformed("'" + c + "' expected");
    }
  }

  /** Reads more; false at the end. Bytes not yet consumed are kept. */
  private boolean fill() throws IOException {
    compact();
    while (end == pos) {
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        return false;
      }
      end += n;
    }
    return true;
  }

  private void compact() {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, end - pos);
      end -= pos;
      pos = 0;
    }
  }

  private static IOException malformed(String what) {
    return new IOException("malformed worksheet XML: " + what);
  }

  /** The same events from a SAX parser, for a part not in UTF-8. */
  private static final class SaxEvents extends DefaultHandler {
    private final Sink sink;

    SaxEvents(Sink sink) {
      this.sink = sink;
    }

    private static int element(String local) {
      return switch (local) {
        case "row" -> ROW;
        case "c" -> C;
        case "v" -> V;
        case "t" -> T;
        case "is" -> IS;
        case "rPh" -> RPH;
        case "si" -> SI;
        default -> OTHER;
      };
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes a)
        throws SAXException {
      int element = element(local);
      switch (element) {
        case OTHER -> {}
        case ROW -> sink.startRow(a.getValue("r") == null ? -1 : number(a.getValue("r"), true));
        case C -> {
          String r = a.getValue("r");
          String t = a.getValue("t");
          String s = a.getValue("s");
          int column = r == null ? -1 : column(r.toCharArray(), r.length());
          if (r != null && column < 0) {
            throw new SAXException("malformed worksheet XML: bad cell reference \"" + r + "\"");
          }
          sink.startCell(
              column,
              t == null ? NUMBER : type(t.toCharArray(), t.length()),
              s == null ? 0 : (int) number(s, false));
        }
        default -> sink.start(element);
      }
    }

    private static long number(String s, boolean row) throws SAXException {
      if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new SAXException(
            "malformed worksheet XML: " + (row ? "bad row number" : "bad style index"));
      }
      long n = Long.parseLong(s);
      if (!row && n > Integer.MAX_VALUE) {
        throw new SAXException("malformed worksheet XML: bad style index");
      }
      return n;
    }

    @Override
    public void endElement(String uri, String local, String qName) {
      int element = element(local);
      if (element != OTHER) {
        sink.end(element);
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      sink.text(ch, start, length);
    }
  }
}
