package org.zoneplan.codecs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a table's rows on a thread of its own, a few batches ahead of the handler: decoding a sheet
 * of an .xlsx workbook (inflated, its XML scanned, its cells made into text) runs beside the checks
 * the importing thread makes of each row, instead of in turn, on the second core the import
 * otherwise leaves idle (issue 15: reading an .xlsx must cost no more time than reading the same
 * rows as CSV, whose plain text the importing thread splits itself). The JDK has no such pipe for
 * rows ({@code PipedInputStream} moves bytes, through a 1 s wait-and-poll), hence this small class.
 *
 * <p>The handler sees the rows in order, on the calling thread, as {@link RowHandler} promises;
 * what the reading throws ({@link CodecException} with its row and column, an {@link IOException})
 * is thrown here after the rows read before it. When the handler throws, the reading thread is
 * stopped and waited for before the exception goes on, so the source may be closed after {@link
 * #read} returns either way. At most {@code 2 × depth + 2} batches of {@value #BATCH} rows are
 * held.
 */
public final class ReadAheadRows {
  static final int BATCH = 512;

  /** Reads rows into a handler: the part that runs on the reading thread. */
  @FunctionalInterface
  public interface Source {
    void read(RowHandler handler) throws IOException;
  }

  /** Rows read ahead: numbers and cells; the last batch may hold fewer. */
  private static final class Batch {
    final long[] rows = new long[BATCH];
    final List<String>[] cells;
    int size;

    @SuppressWarnings("unchecked")
    Batch() {
      cells = new List[BATCH];
    }
  }

  /** The end of the rows, or the reading's failure. */
  private static final Batch END = new Batch();

  private ReadAheadRows() {}

  /**
   * Reads {@code source} on a thread named {@code name} and hands its rows to {@code handler} on
   * this one.
   *
   * @param depth how many batches may wait, at least 1
   */
  public static void read(Source source, RowHandler handler, int depth, String name)
      throws IOException {
    BlockingQueue<Batch> full = new ArrayBlockingQueue<>(Math.max(1, depth));
    BlockingQueue<Batch> free = new ArrayBlockingQueue<>(Math.max(1, depth) + 2);
    Throwable[] failure = new Throwable[1];
    AtomicBoolean stopped = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              Batch[] batch = {new Batch()};
              try {
                try {
                  source.read(
                      (row, cells) -> {
                        if (stopped.get()) {
                          throw new Stopped();
                        }
                        Batch b = batch[0];
                        b.rows[b.size] = row;
                        b.cells[b.size] = Arrays.asList(cells.toArray(new String[0]));
                        if (++b.size == BATCH) {
                          put(full, b);
                          Batch next = free.poll();
                          if (next == null) {
                            next = new Batch();
                          }
                          next.size = 0;
                          batch[0] = next;
                        }
                      });
                } catch (IOException | RuntimeException | Error e) {
                  if (stopped.get()) {
                    return; // the handler failed: nobody reads on
                  }
                  failure[0] = e; // published to the handler's thread by the queue's put
                }
                if (batch[0].size > 0) {
                  full.put(batch[0]); // the rows read before the end, or before the failure
                }
                full.put(END);
              } catch (InterruptedException e) {
                // stopped while waiting for room: nobody reads on
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
    boolean done = false;
    try {
      while (true) {
        Batch b;
        try {
          b = full.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading rows ahead");
        }
        if (b == END) {
          done = true;
          break;
        }
        for (int i = 0; i < b.size; i++) {
          handler.row(b.rows[i], b.cells[i]);
          b.cells[i] = null;
        }
        free.offer(b);
      }
    } finally {
      stop(reader, full, stopped, done);
    }
    Throwable t = failure[0];
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error error) {
      throw error;
    }
  }

  /**
   * Waits for the reading thread to end; when the rows were not all taken (the handler threw),
   * tells it to stop and makes room for whatever it is putting, until it has.
   */
  private static void stop(
      Thread reader, BlockingQueue<Batch> full, AtomicBoolean stopped, boolean done) {
    boolean interrupted = false;
    if (!done) {
      stopped.set(true);
    }
    while (reader.isAlive()) {
      if (!done) {
        full.clear();
        reader.interrupt();
      }
      try {
        reader.join(50);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void put(BlockingQueue<Batch> full, Batch b) {
    try {
      full.put(b);
    } catch (InterruptedException e) {
      throw new Stopped();
    }
  }

  /** Thrown on the reading thread when the handler's thread stopped it. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
