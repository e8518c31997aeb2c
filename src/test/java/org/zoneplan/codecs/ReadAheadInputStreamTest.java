package org.zoneplan.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {
  private static final int CHUNK = 1 << 18;

  @Test
  void givesEveryByteInOrderWhateverTheSizeAndTheReadsAre() throws IOException {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 12_345}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      try (InputStream in =
          new ReadAheadInputStream(new ByteArrayInputStream(data), 2, "test-read-ahead")) {
        byte[] read = new byte[size];
        int n = 0;
        // Mixed single-byte and odd-sized reads.
        while (n < size) {
          if (n % 3 == 0) {
            read[n++] = (byte) in.read();
          } else {
            int got = in.read(read, n, Math.min(size - n, 1 + random.nextInt(100_000)));
            assertThat(got).isPositive();
            n += got;
          }
        }
        assertThat(read).isEqualTo(data);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
      }
    }
  }

  @Test
  void aFailureOfTheSourceComesAfterTheBytesReadBeforeIt() throws IOException {
    byte[] data = new byte[CHUNK + 100];
    InputStream failing =
        new InputStream() {
          int position;

          @Override
          public int read() throws IOException {
            if (position == data.length) {
              throw new IOException("zip bomb");
            }
            return data[position++] & 0xff;
          }
        };
    try (InputStream in = new ReadAheadInputStream(failing, 2, "test-read-ahead")) {
      assertThat(in.readNBytes(data.length)).hasSize(data.length);
      assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("zip bomb");
    }
  }

  @Test
  void closingEarlyStopsTheReaderAndClosesTheSource() throws Exception {
    AtomicBoolean sourceClosed = new AtomicBoolean();
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            return len;
          }

          @Override
          public void close() {
            sourceClosed.set(true);
          }
        };
    ReadAheadInputStream in = new ReadAheadInputStream(endless, 1, "test-read-ahead-endless");
    assertThat(in.read()).isEqualTo('x');
    in.close();
    assertThat(sourceClosed).isTrue();
    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("test-read-ahead-endless") && t.isAlive()))
        .isFalse();
    assertThatThrownBy(in::read).isInstanceOf(IOException.class);
  }

  /**
   * Many chunks through a queue of one, read by a reader slower than the reading thread and then
   * faster: every chunk handed back for reuse must have been read out before it is filled again.
   */
  @Test
  void chunksUsedAgainKeepEveryByte() throws IOException {
    Random random = new Random(11);
    byte[] data = new byte[20 * CHUNK + 777];
    random.nextBytes(data);
    try (InputStream in =
        new ReadAheadInputStream(new ByteArrayInputStream(data), 1, "test-read-ahead-reuse")) {
      byte[] read = new byte[data.length];
      int n = 0;
      while (n < data.length) {
        if (n < data.length / 2 && random.nextInt(20) == 0) {
          Thread.onSpinWait();
          try {
            Thread.sleep(1); // let the reading thread fill every free chunk
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }
        int got = in.read(read, n, Math.min(data.length - n, 1 + random.nextInt(3 * CHUNK)));
        assertThat(got).isPositive();
        n += got;
      }
      assertThat(read).isEqualTo(data);
      assertThat(in.read()).isEqualTo(-1);
    }
  }
}
