package org.zoneplan.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadAheadRowsTest {
  private static final int BATCH = ReadAheadRows.BATCH;

  /** Rows 1..n, each of three cells naming its row, handed to the handler as a reader would. */
  private static ReadAheadRows.Source rows(long n) {
    return handler -> {
      List<String> cells = new ArrayList<>();
      for (long r = 1; r <= n; r++) {
        cells.clear(); // one list for every row, as the readers keep it: copied when read ahead
        cells.add("a" + r);
        cells.add("");
        cells.add("c" + r);
        handler.row(r, cells);
      }
    };
  }

  @Test
  void everyRowInOrderOnTheCallingThreadWhateverTheCount() throws IOException {
    for (long n : new long[] {0, 1, BATCH - 1, BATCH, BATCH + 1, 20L * BATCH + 7}) {
      List<String> seen = new ArrayList<>();
      Thread caller = Thread.currentThread();
      AtomicLong expected = new AtomicLong(1);
      ReadAheadRows.read(
          rows(n),
          (row, cells) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            assertThat(row).isEqualTo(expected.getAndIncrement());
            assertThat(cells).containsExactly("a" + row, "", "c" + row);
            seen.add(cells.get(0));
          },
          2,
          "test-rows");
      assertThat(seen).as("%d rows", n).hasSize((int) n);
    }
  }

  @Test
  void aFailureOfTheReadingComesAfterTheRowsReadBeforeIt() {
    List<Long> seen = new ArrayList<>();
    ReadAheadRows.Source failing =
        handler -> {
          rows(3L * BATCH + 5).read(handler);
          throw new CodecException(3L * BATCH + 6, 2, "bad cell");
        };
    assertThatThrownBy(() -> ReadAheadRows.read(failing, (row, cells) -> seen.add(row), 1, "t"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("bad cell");
    assertThat(seen).hasSize(3 * BATCH + 5).endsWith(3L * BATCH + 5);
    ReadAheadRows.Source io =
        handler -> {
          throw new IOException("disk gone");
        };
    assertThatThrownBy(() -> ReadAheadRows.read(io, (row, cells) -> {}, 1, "t"))
        .isInstanceOf(IOException.class)
        .hasMessage("disk gone");
  }

  @Test
  void aFailingHandlerStopsTheReadingBeforeItsExceptionGoesOn() throws Exception {
    AtomicBoolean readerRunning = new AtomicBoolean();
    AtomicLong produced = new AtomicLong();
    ReadAheadRows.Source endless =
        handler -> {
          readerRunning.set(true);
          try {
            List<String> cells = List.of("x");
            for (long r = 1; ; r++) {
              handler.row(r, cells);
              produced.incrementAndGet();
            }
          } finally {
            readerRunning.set(false);
          }
        };
    IllegalStateException refused = new IllegalStateException("row 1000 refused");
    assertThatThrownBy(
            () ->
                ReadAheadRows.read(
                    endless,
                    (row, cells) -> {
                      if (row == 1000) {
                        throw refused;
                      }
                    },
                    2,
                    "t"))
        .isSameAs(refused);
    // stopped and waited for: nothing reads on once read() has returned
    assertThat(readerRunning).isFalse();
    long after = produced.get();
    Thread.sleep(50);
    assertThat(produced.get()).isEqualTo(after);
    // a few batches ahead at most, not the endless source
    assertThat(after).isLessThan(1000 + 8L * BATCH);
  }
}
