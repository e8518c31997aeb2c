package org.zoneplan.tiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes a Mapbox Vector Tile, <a
 * href="https://github.com/mapbox/vector-tile-spec/tree/master/2.1">spec 2.1</a>: layers of polygon
 * features with deduplicated keys and values, geometry as zigzag-encoded command integers, exterior
 * rings clockwise in tile coordinates (positive area by the surveyor's formula, y down) and holes
 * counter-clockwise, whatever the input's orientation.
 *
 * <p>Geometry must already be in tile coordinates (integers, 0..extent plus the buffer), valid and
 * clipped: see {@link MvtGeometry}. Not thread-safe: one encoder per tile.
 *
 * <p>Hand-written, not {@code mapbox-vector-tile-java}: that library builds the tile through
 * protobuf-java message builders (one object graph per feature, plus a 2 MB runtime dependency) and
 * clips with JTS overlay for every feature; the protobuf wire format of one message type is a page
 * of code, and zoneplan's own clipping is faster (see {@link MvtGeometry}). The library is used by
 * the tests as an independent decoder.
 */
public final class MvtEncoder {
  private static final int GEOM_POLYGON = 3;
  private static final int CMD_MOVE_TO = 1;
  private static final int CMD_LINE_TO = 2;
  private static final int CMD_CLOSE_PATH = 7;

  private final List<Layer> layers = new ArrayList<>();

  /** Adds a layer; features are written in the order they are added. */
  public Layer layer(String name, int extent) {
    Layer layer = new Layer(name, extent);
    layers.add(layer);
    return layer;
  }

  /** Whether no layer has a feature (such a tile is answered 204, not encoded). */
  public boolean isEmpty() {
    return layers.stream().allMatch(l -> l.featureCount == 0);
  }

  /** The encoded tile (uncompressed); layers without features are left out. */
  public byte[] encode() {
    Proto tile = new Proto(4096);
    for (Layer layer : layers) {
      if (layer.featureCount > 0) {
        tile.bytesField(3, layer.encode());
      }
    }
    return tile.toByteArray();
  }

  /** One layer of the tile. */
  public static final class Layer {
    private final String name;
    private final int extent;
    private final Map<String, Integer> keys = new LinkedHashMap<>();
    private final Map<Object, Integer> values = new LinkedHashMap<>();
    private final Proto features = new Proto(4096);
    private final Proto geometry = new Proto(256);
    private final Proto tags = new Proto(32);
    private int featureCount;
    private int[] xs = new int[64];
    private int[] ys = new int[64];

    private Layer(String name, int extent) {
      this.name = name;
      this.extent = extent;
    }

    /**
     * Adds a polygon feature.
     *
     * @param polygonal Polygon or MultiPolygon in tile coordinates (integral values), valid
     * @param attributes String, Number or Boolean values; null values are left out
     * @param id feature id, or a negative number for none
     * @return whether the feature was written (false when the geometry has no ring)
     */
    public boolean addPolygonal(Geometry polygonal, Map<String, ?> attributes, long id) {
      geometry.reset();
      int[] cursor = {0, 0};
      int rings = 0;
      for (int i = 0; i < polygonal.getNumGeometries(); i++) {
        Geometry part = polygonal.getGeometryN(i);
        if (!(part instanceof Polygon polygon) || polygon.isEmpty()) {
          continue;
        }
        if (writeRing(polygon.getExteriorRing(), true, cursor)) {
          rings++;
          for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
            writeRing(polygon.getInteriorRingN(h), false, cursor);
          }
        }
      }
      if (rings == 0) {
        return false;
      }
      tags.reset();
      for (Map.Entry<String, ?> attribute : attributes.entrySet()) {
        Object value = attribute.getValue();
        if (value == null) {
          continue;
        }
        if (value instanceof Integer || value instanceof Short) {
          value = ((Number) value).longValue();
        } else if (value instanceof Float) {
          value = ((Float) value).doubleValue();
        }
        tags.varint(keys.computeIfAbsent(attribute.getKey(), k -> keys.size()));
        tags.varint(values.computeIfAbsent(value, v -> values.size()));
      }
      Proto feature = new Proto(geometry.size + tags.size + 16);
      if (id >= 0) {
        feature.tag(1, 0);
        feature.varint(id);
      }
      if (tags.size > 0) {
        feature.bytesField(2, tags);
      }
      feature.tag(3, 0);
      feature.varint(GEOM_POLYGON);
      feature.bytesField(4, geometry);
      features.bytesField(2, feature);
      featureCount++;
      return true;
    }

    /**
     * Writes one ring with its orientation forced, without repeated points (the spec forbids
     * zero-length LineTo); false when fewer than 3 distinct corners or no area remain.
     */
    private boolean writeRing(LinearRing ring, boolean exterior, int[] cursor) {
      CoordinateSequence seq = ring.getCoordinateSequence();
      int size = seq.size() - 1; // the closing point is implied by ClosePath
      if (xs.length < size) {
        xs = new int[size * 2];
        ys = new int[size * 2];
      }
      int n = 0;
      for (int i = 0; i < size; i++) {
        int x = (int) Math.round(seq.getX(i));
        int y = (int) Math.round(seq.getY(i));
        if (n == 0 || x != xs[n - 1] || y != ys[n - 1]) {
          xs[n] = x;
          ys[n] = y;
          n++;
        }
      }
      while (n > 1 && xs[n - 1] == xs[0] && ys[n - 1] == ys[0]) {
        n--;
      }
      if (n < 3) {
        return false;
      }
      long twiceArea = 0;
      for (int i = 0; i < n; i++) {
        int j = i + 1 == n ? 0 : i + 1;
        twiceArea += (long) xs[i] * ys[j] - (long) xs[j] * ys[i];
      }
      if (twiceArea == 0) {
        return false;
      }
      // Exterior rings positive (clockwise with y down), holes negative.
      boolean reverse = exterior != (twiceArea > 0);
      for (int k = 0; k < n; k++) {
        int i = reverse ? (n - k) % n : k;
        if (k == 0) {
          geometry.varint(command(CMD_MOVE_TO, 1));
        } else if (k == 1) {
          geometry.varint(command(CMD_LINE_TO, n - 1));
        }
        geometry.varint(zigzag(xs[i] - cursor[0]));
        geometry.varint(zigzag(ys[i] - cursor[1]));
        cursor[0] = xs[i];
        cursor[1] = ys[i];
      }
      geometry.varint(command(CMD_CLOSE_PATH, 1));
      return true;
    }

    private byte[] encode() {
      Proto layer = new Proto(features.size + 1024);
      layer.tag(15, 0);
      layer.varint(2);
      layer.stringField(1, name);
      layer.raw(features); // already framed as field 2 (features)
      for (String key : keys.keySet()) {
        layer.stringField(3, key);
      }
      Proto value = new Proto(64);
      for (Object v : values.keySet()) {
        value.reset();
        if (v instanceof String s) {
          value.stringField(1, s);
        } else if (v instanceof Double d) {
          value.tag(3, 1);
          value.fixed64(Double.doubleToLongBits(d));
        } else if (v instanceof Long l) {
          if (l >= 0) {
            value.tag(5, 0);
            value.varint(l);
          } else {
            value.tag(6, 0);
            value.varint(zigzag64(l));
          }
        } else if (v instanceof Boolean b) {
          value.tag(7, 0);
          value.varint(b ? 1 : 0);
        } else {
          value.stringField(1, v.toString());
        }
        layer.bytesField(4, value);
      }
      layer.tag(5, 0);
      layer.varint(extent);
      return layer.toByteArray();
    }
  }

  private static int command(int id, int count) {
    return (id & 0x7) | (count << 3);
  }

  private static int zigzag(int n) {
    return (n << 1) ^ (n >> 31);
  }

  private static long zigzag64(long n) {
    return (n << 1) ^ (n >> 63);
  }

  /** A growable buffer writing protobuf wire format. */
  private static final class Proto {
    byte[] buf;
    int size;

    Proto(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    void reset() {
      size = 0;
    }

    void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void tag(int field, int wireType) {
      varint((field << 3) | wireType);
    }

    void varint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    void fixed64(long v) {
      ensure(8);
      for (int i = 0; i < 8; i++) {
        buf[size++] = (byte) (v >>> (8 * i));
      }
    }

    void bytesField(int field, byte[] bytes) {
      bytesField(field, bytes, bytes.length);
    }

    void bytesField(int field, Proto other) {
      bytesField(field, other.buf, other.size);
    }

    void bytesField(int field, byte[] bytes, int length) {
      tag(field, 2);
      varint(length);
      ensure(length);
      System.arraycopy(bytes, 0, buf, size, length);
      size += length;
    }

    void raw(Proto other) {
      ensure(other.size);
      System.arraycopy(other.buf, 0, buf, size, other.size);
      size += other.size;
    }

    void stringField(int field, String s) {
      bytesField(field, s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }
  }
}
