package org.zoneplan.codecs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads another stream ahead on a thread of its own, a few chunks at most: a sheet of an .xlsx
 * workbook is inflated (some 0.2 s for the 50 MB of XML of 100,000 rows) while the caller scans
 * what has already come, instead of in turn. The JDK has no such stream ({@code PipedInputStream}
 * moves one byte at a time through a 1 s wait-and-poll), hence this one.
 *
 * <p>The chunks are used again once read (at most {@code depth + 2} of them in all), rather than a
 * new one for every 256 KB.
 *
 * <p>What the source throws is thrown again by {@link #read} here, in order, after the bytes read
 * before it. {@link #close} stops the reading thread and waits for it, and closes the source, so
 * that whatever holds the source open (the workbook's zip) may be closed after it. For one reader
 * thread; not thread-safe.
 */
public final class ReadAheadInputStream extends InputStream {
  private static final int CHUNK = 1 << 18;

  /** Bytes read ahead: {@code bytes[0, length)}. */
  private record Chunk(byte[] bytes, int length) {}

  private static final Chunk END = new Chunk(new byte[0], 0);

  private final InputStream source;
  private final BlockingQueue<Chunk> chunks;

  /** Chunks read by the caller, for the reading thread to fill again. */
  private final BlockingQueue<byte[]> free;

  private final Thread reader;
  private volatile IOException failure;
  private volatile boolean closed;
  private byte[] current = new byte[0];
  private int length;
  private int position;
  private boolean ended;

  /**
   * @param source the stream to read ahead; closed by {@link #close}
   * @param depth how many chunks of 256 KB may wait, at least 1
   * @param name the reading thread's name
   */
  public ReadAheadInputStream(InputStream source, int depth, String name) {
    this.source = source;
    this.chunks = new ArrayBlockingQueue<>(Math.max(1, depth));
    this.free = new ArrayBlockingQueue<>(Math.max(1, depth) + 2);
    this.reader = new Thread(this::readAhead, name);
    reader.setDaemon(true);
    reader.start();
  }

  private void readAhead() {
    try {
      boolean more = true;
      while (more && !closed) {
        byte[] buffer = free.poll();
        if (buffer == null) {
          buffer = new byte[CHUNK];
        }
        int filled = 0;
        try {
          while (filled < CHUNK) {
            int n = source.read(buffer, filled, CHUNK - filled);
            if (n < 0) {
              more = false;
              break;
            }
            filled += n;
          }
        } catch (IOException | RuntimeException e) {
          failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
          more = false;
        }
        if (filled > 0) {
          chunks.put(new Chunk(buffer, filled));
        }
      }
      chunks.put(END);
    } catch (InterruptedException e) {
      // closed while waiting for room: nobody reads on
    }
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return current[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return length - position;
  }

  /** True when {@link #current} has a byte left, taking the next chunk if needed. */
  private boolean fill() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    while (position == length) {
      if (ended) {
        return false;
      }
      Chunk next;
      try {
        next = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading ahead");
      }
      if (next == END) {
        ended = true;
        if (failure != null) {
          throw failure;
        }
        return false;
      }
      if (current.length == CHUNK) {
        free.offer(current); // for the reading thread to fill again
      }
      current = next.bytes;
      length = next.length;
      position = 0;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    reader.interrupt();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      source.close();
    }
  }
}
