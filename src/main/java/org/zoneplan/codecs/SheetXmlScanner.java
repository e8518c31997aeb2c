package org.zoneplan.codecs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A small XML scanner for worksheet parts, driving the same {@link DefaultHandler} callbacks as a
 * SAX parser would, about three times faster than the JDK's SAX parser on a sheet (measured by
 * {@code bench/…/EnterpriseImportBenchmark}: the parser was most of the time of an .xlsx import).
 * It reads UTF-8 only (what every spreadsheet program writes; the caller falls back to SAX for
 * another encoding, see {@link #isUtf8}), and of the markup only what a sheet is made of: elements
 * with their local names (a prefix such as {@code x:} is dropped), the unprefixed attributes named
 * in {@code keep} (others are skipped unread), text with the five predefined entities and character
 * references, CDATA, comments and processing instructions (skipped). A document type declaration is
 * refused, as by POI's secure SAX settings. It does not check that end tags match start tags. Text
 * is passed on in chunks of at most {@value #CHUNK} characters, so memory stays bounded whatever
 * the input. Not thread-safe.
 */
final class SheetXmlScanner {
  static final int CHUNK = 8192;
  private static final int MAX_NAME = 256;

  private final InputStream in;
  private final DefaultHandler handler;
  private final String[] keep;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;
  private char[] text = new char[256];
  private int textLength;
  private final byte[] name = new byte[MAX_NAME];
  private final AttributesImpl attributes = new AttributesImpl();

  /**
   * @param keep the names of the unprefixed attributes to pass on; all others are skipped
   */
  SheetXmlScanner(InputStream in, DefaultHandler handler, String... keep) {
    this.in = in;
    this.handler = handler;
    this.keep = keep;
  }

  /**
   * True unless the part starts with a UTF-16 byte-order mark or an XML declaration naming an
   * encoding other than UTF-8. Reads at most 200 bytes; the stream must support mark and reset.
   */
  static boolean isUtf8(InputStream in) throws IOException {
    in.mark(256);
    byte[] head = in.readNBytes(200);
    in.reset();
    if (head.length >= 2 && (head[0] == 0 || head[1] == 0 || (head[0] & 0xff) >= 0xFE)) {
      return false; // UTF-16 or UTF-32, with or without a byte-order mark
    }
    String start = new String(head, StandardCharsets.ISO_8859_1);
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

  void scan() throws IOException, SAXException {
    if (available(3)
        && buf[pos] == (byte) 0xEF
        && buf[pos + 1] == (byte) 0xBB
        && buf[pos + 2] == (byte) 0xBF) {
      pos += 3; // a UTF-8 byte-order mark
    }
    while (true) {
      if (pos >= end && !fill()) {
        flushText();
        return;
      }
      byte b = buf[pos];
      if (b != '<') {
        textUntilMarkup();
        continue;
      }
      flushText();
      pos++;
      int next = peek();
      if (next == '/') {
        pos++;
        String local = readName();
        skipSpace();
        expect('>');
        handler.endElement("", local, local);
      } else if (next == '?') {
        skipPast("?>");
      } else if (next == '!') {
        markupDeclaration();
      } else {
        startTag();
      }
    }
  }

  private void startTag() throws IOException, SAXException {
    String local = readName();
    attributes.clear();
    while (true) {
      skipSpace();
      int c = read();
      if (c == '>') {
        handler.startElement("", local, local, attributes);
        return;
      }
      if (c == '/') {
        expect('>');
        handler.startElement("", local, local, attributes);
        handler.endElement("", local, local);
        return;
      }
      if (c < 0) {
        throw malformed("end of file inside a tag");
      }
      pos--;
      int length = readRawName();
      skipSpace();
      expect('=');
      skipSpace();
      int quote = read();
      if (quote != '"' && quote != '\'') {
        throw malformed("attribute value without quotes");
      }
      String kept = keptAttribute(length);
      if (kept == null) {
        skipUntil((byte) quote);
        pos++;
      } else {
        textLength = 0;
        while (true) {
          if (pos >= end && !fill()) {
            throw malformed("end of file inside an attribute");
          }
          if (buf[pos] == quote) {
            pos++;
            break;
          }
          decodeOne();
          if (textLength > MAX_NAME) {
            throw malformed("attribute " + kept + " too long");
          }
        }
        attributes.addAttribute("", kept, kept, "CDATA", new String(text, 0, textLength));
        textLength = 0;
      }
    }
  }

  /** The kept attribute's name if the raw name just read (in {@link #name}) is one, else null. */
  private String keptAttribute(int length) {
    for (String k : keep) {
      if (k.length() == length) {
        boolean same = true;
        for (int i = 0; i < length && same; i++) {
          same = name[i] == k.charAt(i);
        }
        if (same) {
          return k;
        }
      }
    }
    return null;
  }

  private void markupDeclaration() throws IOException, SAXException {
    if (startsWith("!--")) {
      pos += 3;
      skipPast("-->");
    } else if (startsWith("![CDATA[")) {
      pos += 8;
      // Raw text up to ]]>, passed on as characters.
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
  private void textUntilMarkup() throws IOException, SAXException {
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
        int room = CHUNK - textLength;
        if (textLength + room > text.length) {
          text = java.util.Arrays.copyOf(text, Math.max(text.length * 2, textLength + room));
        }
        int stop = Math.min(end, pos + room);
        int p = pos;
        int n = textLength;
        while (p < stop) {
          byte c = buf[p];
          if (c <= 0 || c == '<' || c == '&') {
            break;
          }
          text[n++] = (char) c;
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

  private void flushText() throws SAXException {
    if (textLength > 0) {
      handler.characters(text, 0, textLength);
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
      append((char) b);
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

  private void appendCodePoint(int cp) {
    if (cp < 0x10000) {
      append((char) cp);
    } else {
      append(Character.highSurrogate(cp));
      append(Character.lowSurrogate(cp));
    }
  }

  private void append(char c) {
    if (textLength == text.length) {
      char[] bigger = new char[text.length * 2];
      System.arraycopy(text, 0, bigger, 0, textLength);
      text = bigger;
    }
    text[textLength++] = c;
  }

  /** An element name, its prefix dropped. */
  private String readName() throws IOException {
    int length = readRawName();
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (name[i] == ':') {
        start = i + 1;
      }
    }
    return known(start, length - start);
  }

  /** The names of a sheet's frequent elements, without a new string for each. */
  private static final String[] KNOWN = {"c", "v", "row", "t", "is", "f", "r", "rPh", "sheetData"};

  private String known(int start, int length) {
    for (String k : KNOWN) {
      if (k.length() == length) {
        boolean same = true;
        for (int i = 0; i < length && same; i++) {
          same = name[start + i] == k.charAt(i);
        }
        if (same) {
          return k;
        }
      }
    }
    return new String(name, start, length, StandardCharsets.UTF_8);
  }

  /** Reads a name into {@link #name}; returns its length in bytes. */
  private int readRawName() throws IOException {
    int length = 0;
    while (true) {
      if (pos >= end && !fill()) {
        throw malformed("end of file inside a tag");
      }
      byte c = buf[pos];
      if (c == '>' || c == '/' || c == '=' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        break;
      }
      if (c == '<' || c == '"' || c == '\'' || c == '&') {
        throw malformed("bad character in a name");
      }
      if (length >= MAX_NAME) {
        throw malformed("name too long");
      }
      name[length++] = c;
      pos++;
    }
    if (length == 0) {
      throw malformed("empty name");
    }
    return length;
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
      if (buf[pos] == stop) {
        return;
      }
      pos++;
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
}
