package org.zoneplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tile endpoints on a store loaded with the Pujiang sample data. Runs unchanged on H2GIS and on
 * PostGIS (see the subclasses). Vector tiles are decoded with an independent library and by GDAL;
 * tile maths in the checks uses the OpenStreetMap wiki's formulas, not zoneplan's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TileApiContract {
  static final String PLAN = "pujiang-2021";
  static final int EXTENT = 4096;
  static final double MVT_BUFFER = 64.0 / 4096;
  static final GeometryFactory LONLAT = Cgcs2000.GEOMETRY_FACTORY;

  @LocalServerPort int port;
  @Autowired ParcelRepository parcels;
  @Autowired ApplicationEventPublisher events;
  TileClient tiles;
  Http http;

  @BeforeEach
  void connect() {
    tiles = new TileClient(port);
    http = new Http(port);
  }

  // ---------------------------------------------------------------- vector tiles

  @Test
  void vectorTilesCarryTheStoredZonesClippedToTheBufferedTile() {
    Map<String, JsonNode> stored = zones(PLAN);
    Geometry core = geometry(stored.get("PJ-1-CORE"));
    for (int z : new int[] {10, 12, 14, 16}) {
      Coordinate c = core.getInteriorPoint().getCoordinate();
      int[] xy = tileOf(c.x, c.y, z);
      TileCoord tile = new TileCoord(z, xy[0], xy[1]);
      TileClient.Response response = tiles.get("/tiles/zones/" + tile + ".mvt?plan=" + PLAN);
      assertThat(response.status()).as("%s", tile).isEqualTo(200);
      assertThat(response.contentType()).isEqualTo("application/vnd.mapbox-vector-tile");

      Envelope buffered = lonLatEnvelope(tile, MVT_BUFFER);
      Set<String> expectedCodes = new TreeSet<>();
      stored.forEach(
          (code, f) -> {
            if (geometry(f).intersects(LONLAT.toGeometry(buffered))) {
              expectedCodes.add(code);
            }
          });
      List<MvtTestSupport.Feature> decoded = MvtTestSupport.decode(response.body(), "zones");
      Set<String> codes = new TreeSet<>();
      for (MvtTestSupport.Feature feature : decoded) {
        String code = (String) feature.attributes().get("code");
        codes.add(code);
        JsonNode properties = stored.get(code).get("properties");
        assertThat(feature.attributes().get("name")).isEqualTo(properties.get("name").asString());
        assertThat(feature.attributes().get("kind")).isEqualTo(properties.get("kind").asString());
        assertThat(((Number) feature.attributes().get("areaKm2")).doubleValue())
            .isCloseTo(properties.get("areaKm2").doubleValue(), within(1e-4));
        assertThat(feature.geometry().isValid()).as("%s %s valid", tile, code).isTrue();

        // Against the stored zone, clipped to the buffered tile, in tile units: off by at most
        // the snapping (half a unit) plus the simplification tolerance (4 units).
        Geometry expected = toTileUnits(geometry(stored.get(code)), tile);
        expected = expected.intersection(LONLAT.toGeometry(new Envelope(-64, 4160, -64, 4160)));
        Geometry actual = feature.geometry();
        assertThat(DiscreteHausdorffDistance.distance(actual, expected))
            .as("%s %s Hausdorff distance in tile units", tile, code)
            .isLessThan(6.0);
        assertThat(actual.getArea())
            .as("%s %s area", tile, code)
            .isCloseTo(expected.getArea(), within(expected.getLength() * 3 + 50));
      }
      assertThat(codes).as("zones in %s", tile).isEqualTo(expectedCodes);
    }
  }

  @Test
  void gdalReadsAServedTile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    TileCoord tile = coreTile(12);
    byte[] mvt = tiles.get("/tiles/zones/" + tile + ".mvt").body();
    // GDAL georeferences a single tile from its z/x/y path.
    Path file = dir.resolve(tile.z() + "/" + tile.x() + "/" + tile.y() + ".mvt");
    Files.createDirectories(file.getParent());
    Files.write(file, mvt);
    Process ogrinfo =
        new ProcessBuilder("ogrinfo", "-ro", "-al", "-geom=SUMMARY", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(ogrinfo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ogrinfo.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ogrinfo.exitValue()).as(out).isZero();
    int expected = MvtTestSupport.decode(mvt, "zones").size();
    assertThat(out).contains("Layer name: zones").contains("Feature Count: " + expected);
    assertThat(out).contains("name (String) = 核心区").contains("code (String) = PJ-1-CORE");
    assertThat(out).contains("POLYGON");
  }

  @Test
  void gzipWhenAcceptedAndTheSameTileOtherwise() {
    String path = "/tiles/zones/" + coreTile(13) + ".mvt";
    TileClient.Response plain = tiles.get(path, "identity", null);
    TileClient.Response gzipped = tiles.get(path, "gzip, deflate", null);
    assertThat(plain.contentEncoding()).isNull();
    assertThat(gzipped.contentEncoding()).isEqualTo("gzip");
    assertThat(gzipped.decoded()).isEqualTo(plain.body());
    assertThat(gzipped.etag()).isEqualTo(plain.etag());
  }

  @Test
  void emptyTileIs204() {
    TileClient.Response response = tiles.get("/tiles/zones/12/0/0.mvt");
    assertThat(response.status()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void etagAndIfNoneMatchGive304() {
    String path = "/tiles/zones/" + coreTile(12) + ".png";
    TileClient.Response first = tiles.get(path);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.etag()).isNotBlank();
    TileClient.Response again = tiles.get(path, null, first.etag());
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(tiles.get(path, null, "W/\"other\"").status()).isEqualTo(200);
  }

  /**
   * Issue 12: an import of divisions drops the cached division tiles it touches (before, the tile
   * cached ahead of the import kept the old name: no change event came from a division write). The
   * division is renamed through {@code /api/import} and restored the same way.
   */
  @Test
  void aDivisionImportDropsTheCachedDivisionTiles() throws Exception {
    String path = "/tiles/divisions/" + coreTile(10) + ".mvt";
    assertThat(divisionName(path, "330726")).isEqualTo("浦江县"); // now cached
    JsonNode stored = http.get("/api/divisions/330726").json();
    try {
      importDivision(stored, "浦江县(改名测试)");
      assertThat(divisionName(path, "330726")).isEqualTo("浦江县(改名测试)");
    } finally {
      importDivision(stored, stored.get("properties").get("name").asString());
    }
    assertThat(divisionName(path, "330726")).isEqualTo("浦江县");
  }

  private String divisionName(String path, String code) {
    return MvtTestSupport.decode(tiles.get(path).body(), "divisions").stream()
        .filter(f -> code.equals(f.attributes().get("code")))
        .map(f -> (String) f.attributes().get("name"))
        .findFirst()
        .orElse(null);
  }

  /** Imports one division as a GeoJSON file: its stored feature with another name. */
  private void importDivision(JsonNode stored, String name) throws Exception {
    ObjectNode properties = (ObjectNode) stored.get("properties").deepCopy();
    properties.put("name", name);
    ObjectNode feature = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    feature.put("type", "Feature");
    feature.set("properties", properties);
    feature.set("geometry", stored.get("geometry"));
    ObjectNode collection = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    collection.put("type", "FeatureCollection");
    collection.putArray("features").add(feature);
    Http.Response r =
        new org.zoneplan.testsupport.Multipart()
            .file("division.geojson", collection.toString().getBytes(StandardCharsets.UTF_8))
            .field("layer", "divisions")
            .field("dryRun", "false")
            .post(port, "/api/import");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("counts").get("replaced").intValue()).isEqualTo(1);
  }

  @Test
  void divisionsAndTheNewestPlanByDefault() {
    TileCoord tile = coreTile(9);
    List<MvtTestSupport.Feature> divisions =
        MvtTestSupport.decode(tiles.get("/tiles/divisions/" + tile + ".mvt").body(), "divisions");
    assertThat(divisions)
        .anySatisfy(
            f -> {
              assertThat(f.attributes()).containsEntry("name", "浦江县");
              assertThat(f.attributes()).containsEntry("code", "330726");
            });
    byte[] byDefault = tiles.get("/tiles/zones/" + tile + ".mvt").body();
    byte[] newest = tiles.get("/tiles/zones/" + tile + ".mvt?plan=" + PLAN).body();
    byte[] before = tiles.get("/tiles/zones/" + tile + ".mvt?plan=pujiang-2020").body();
    assertThat(byDefault).isEqualTo(newest).isNotEqualTo(before);
  }

  @Test
  void tileJsonDescribesTheLayer() {
    JsonNode doc = http.get("/tiles/zones.json").json();
    assertThat(doc.get("tilejson").asString()).isEqualTo("3.0.0");
    assertThat(doc.get("tiles").get(0).asString())
        .isEqualTo("http://127.0.0.1:" + port + "/tiles/zones/{z}/{x}/{y}.mvt?plan=" + PLAN);
    assertThat(doc.get("minzoom").intValue()).isZero();
    assertThat(doc.get("maxzoom").intValue()).isEqualTo(20);
    JsonNode bounds = doc.get("bounds");
    Envelope all = new Envelope();
    zones(PLAN).values().forEach(f -> all.expandToInclude(geometry(f).getEnvelopeInternal()));
    assertThat(bounds.get(0).doubleValue()).isCloseTo(all.getMinX(), within(1e-9));
    assertThat(bounds.get(1).doubleValue()).isCloseTo(all.getMinY(), within(1e-9));
    assertThat(bounds.get(2).doubleValue()).isCloseTo(all.getMaxX(), within(1e-9));
    assertThat(bounds.get(3).doubleValue()).isCloseTo(all.getMaxY(), within(1e-9));
    JsonNode layer = doc.get("vector_layers").get(0);
    assertThat(layer.get("id").asString()).isEqualTo("zones");
    assertThat(layer.get("fields").has("code")).isTrue();
    assertThat(layer.get("fields").has("areaKm2")).isTrue();

    JsonNode png = http.get("/tiles/parcels.json?format=png").json();
    assertThat(png.get("tiles").get(0).asString()).endsWith("/tiles/parcels/{z}/{x}/{y}.png");
    assertThat(png.get("minzoom").intValue()).isEqualTo(12);
  }

  // ---------------------------------------------------------------- parcels

  @Test
  void parcelTilesCarryLandUseAndDropSubPixelParcelsOnlyBelowZoom15() {
    double lon = 119.705;
    double lat = 29.555;
    Parcel industrial =
        parcels.insert(parcel(LandUseScheme.YDYH_2023, "100101", square(lon, lat, 0.001)));
    Parcel storage =
        parcels.insert(
            parcel(LandUseScheme.GBT21010_2017, "0604", square(lon + 0.0012, lat, 0.001)));
    // About 5 m × 5 m: below one pixel (about 8 m) at zoom 14, above it at 15.
    Parcel tiny =
        parcels.insert(parcel(LandUseScheme.SANDIAO, "0601", square(lon - 0.0003, lat, 0.00005)));
    events.publishEvent(new ParcelsChangedEvent(null));

    int[] z14 = tileOf(lon, lat, 14);
    List<MvtTestSupport.Feature> at14 =
        MvtTestSupport.decode(
            tiles.get("/tiles/parcels/14/" + z14[0] + "/" + z14[1] + ".mvt").body(), "parcels");
    Map<Long, Map<String, Object>> byId = new HashMap<>();
    at14.forEach(f -> byId.put(((Number) f.attributes().get("id")).longValue(), f.attributes()));
    assertThat(byId).containsKeys(industrial.id(), storage.id()).doesNotContainKey(tiny.id());
    assertThat(byId.get(industrial.id()))
        .containsEntry("landUseCode", "100101")
        .containsEntry("landUseClass", "10")
        .containsEntry("className", "工矿用地")
        .containsEntry("category", "INDUSTRIAL")
        .containsEntry("scheme", "YDYH_2023");
    assertThat(byId.get(storage.id()))
        .containsEntry("landUseClass", "06")
        .containsEntry("className", "工矿仓储用地")
        .containsEntry("category", "INDUSTRIAL");

    int[] z15 = tileOf(lon - 0.0003, lat, 15);
    List<MvtTestSupport.Feature> at15 =
        MvtTestSupport.decode(
            tiles.get("/tiles/parcels/15/" + z15[0] + "/" + z15[1] + ".mvt").body(), "parcels");
    assertThat(at15)
        .anySatisfy(
            f -> {
              assertThat(((Number) f.attributes().get("id")).longValue()).isEqualTo(tiny.id());
              assertThat(f.attributes()).containsEntry("className", "工矿用地");
            });

    BufferedImage png =
        image(tiles.get("/tiles/parcels/14/" + z14[0] + "/" + z14[1] + ".png").body());
    double[] px = pixelOf(lon + 0.0005, lat + 0.0005, 14, z14, 256);
    int argb = png.getRGB((int) px[0], (int) px[1]);
    java.awt.Color industrialColour = LandUseClass.Category.INDUSTRIAL.colour();
    assertThat((argb >> 16) & 0xFF).isCloseTo(industrialColour.getRed(), within(4));
    assertThat((argb >> 8) & 0xFF).isCloseTo(industrialColour.getGreen(), within(4));
    assertThat(argb & 0xFF).isCloseTo(industrialColour.getBlue(), within(4));
  }

  // ---------------------------------------------------------------- PNG

  @Test
  void pngTileShowsTheCoreAreaWithItsChineseLabelAcrossTileEdges() throws IOException {
    java.awt.Font font = TileRenderer.findFont(new TileProperties(null, null).font());
    assertThat(font.canDisplayUpTo("核心区"))
        .as("a CJK font must be installed (fonts-noto-cjk); found %s", font.getFontName())
        .isEqualTo(-1);
    assertThat(font.getFamily()).containsIgnoringCase("CJK");

    Geometry core = geometry(zones(PLAN).get("PJ-1-CORE"));
    int z = 13;
    Envelope env = core.getEnvelopeInternal();
    int[] from = tileOf(env.getMinX(), env.getMaxY(), z);
    int[] to = tileOf(env.getMaxX(), env.getMinY(), z);
    int columns = to[0] - from[0] + 1;
    int rows = to[1] - from[1] + 1;
    BufferedImage mosaic =
        new BufferedImage(columns * 256, rows * 256, BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = mosaic.createGraphics();
    for (int i = 0; i < columns; i++) {
      for (int j = 0; j < rows; j++) {
        TileClient.Response r =
            tiles.get("/tiles/zones/" + z + "/" + (from[0] + i) + "/" + (from[1] + j) + ".png");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("image/png");
        BufferedImage tile = image(r.body());
        assertThat(tile.getWidth()).isEqualTo(256);
        g.drawImage(tile, i * 256, j * 256, null);
      }
    }
    g.dispose();
    ImageIO.write(
        mosaic,
        "png",
        Path.of("target", "core-area-mosaic-" + getClass().getSimpleName() + ".png").toFile());

    // The zone is drawn: its interior, away from edges, has the core area's fill.
    java.awt.Color coreColour = TileStyle.zoneColour(org.zoneplan.zones.ZoneKind.CORE);
    Geometry inner = core.buffer(-0.001);
    int inside = 0;
    int filled = 0;
    for (int px = 0; px < mosaic.getWidth(); px += 7) {
      for (int py = 0; py < mosaic.getHeight(); py += 7) {
        double[] ll = lonLatOfPixel(z, from, px + 0.5, py + 0.5);
        if (!inner.contains(LONLAT.createPoint(new Coordinate(ll[0], ll[1])))) {
          continue;
        }
        inside++;
        int argb = mosaic.getRGB(px, py);
        if (Math.abs((argb >>> 24) - TileStyle.ZONE_FILL_ALPHA) <= 3
            && Math.abs(((argb >> 16) & 0xFF) - coreColour.getRed()) <= 3
            && Math.abs(((argb >> 8) & 0xFF) - coreColour.getGreen()) <= 3
            && Math.abs((argb & 0xFF) - coreColour.getBlue()) <= 3) {
          filled++;
        }
      }
    }
    assertThat(inside).isGreaterThan(200);
    assertThat((double) filled / inside).as("share of the interior filled").isGreaterThan(0.95);

    // The label: the dark text pixels, compared with the same string drawn in the same font.
    LabelMatch best =
        LabelImages.bestMatch(mosaic, font.deriveFont(TileRenderer.LABEL_FONT_SIZE), "核心区");
    assertThat(best.correlation())
        .as("label 核心区 found in the mosaic, correlation with a reference rendering")
        .isGreaterThan(0.9);
    LabelMatch wrong =
        LabelImages.bestMatch(mosaic, font.deriveFont(TileRenderer.LABEL_FONT_SIZE), "开发区");
    assertThat(wrong.correlation()).isLessThan(best.correlation() - 0.2);

    // @2x: 512 pixels.
    TileClient.Response retina =
        tiles.get("/tiles/zones/" + z + "/" + from[0] + "/" + from[1] + "@2x.png");
    assertThat(image(retina.body()).getWidth()).isEqualTo(512);
  }

  // ---------------------------------------------------------------- cache invalidation

  @Test
  void editingAZoneChangesExactlyTheTilesMeetingItsOldOrNewBounds() {
    String path = "/api/plans/" + PLAN + "/zones/PJ-ZJW";
    JsonNode original = http.get(path).json();
    Geometry before = geometry(original);
    Geometry core = geometry(zones(PLAN).get("PJ-1-CORE"));
    Coordinate c = before.getCentroid().getCoordinate();
    Geometry after =
        LONLAT.toGeometry(new Envelope(c.x - 0.002, c.x + 0.002, c.y - 0.002, c.y + 0.002));

    // Tiles near the edited zone and elsewhere (the core area, ~10 km away), zoom 8 to 16.
    List<String> paths = new ArrayList<>();
    for (int z = 8; z <= 16; z++) {
      for (Coordinate p :
          new Coordinate[] {
            c,
            new Coordinate(
                before.getEnvelopeInternal().getMinX(), before.getEnvelopeInternal().getMaxY()),
            new Coordinate(
                before.getEnvelopeInternal().getMaxX(), before.getEnvelopeInternal().getMinY()),
            core.getInteriorPoint().getCoordinate()
          }) {
        int[] xy = tileOf(p.x, p.y, z);
        for (int dx = -1; dx <= 1; dx++) {
          for (int dy = -1; dy <= 1; dy++) {
            String tile = z + "/" + (xy[0] + dx) + "/" + (xy[1] + dy);
            paths.add("/tiles/zones/" + tile + ".mvt");
            if (z % 4 == 0) {
              paths.add("/tiles/zones/" + tile + ".png");
            }
          }
        }
      }
    }
    Map<String, String> etags = new LinkedHashMap<>();
    for (String p : paths) {
      etags.put(p, tiles.get(p).etag());
    }

    ObjectNode edited = (ObjectNode) original.deepCopy();
    edited.set("geometry", GeoJson.write(after));
    assertThat(http.put(path, edited.toString(), http.etag(path)).status()).isEqualTo(200);
    try {
      Envelope oldBox = before.getEnvelopeInternal();
      Envelope newBox = after.getEnvelopeInternal();
      int changed = 0;
      int kept = 0;
      for (Map.Entry<String, String> entry : etags.entrySet()) {
        String p = entry.getKey();
        String[] zxy = p.replaceAll("^/tiles/zones/|\\.(mvt|png)$", "").split("/");
        TileCoord tile =
            new TileCoord(
                Integer.parseInt(zxy[0]), Integer.parseInt(zxy[1]), Integer.parseInt(zxy[2]));
        Envelope extent = lonLatEnvelope(tile, p.endsWith(".mvt") ? MVT_BUFFER : 0.5);
        boolean meets = extent.intersects(oldBox) || extent.intersects(newBox);
        TileClient.Response again = tiles.get(p, null, entry.getValue());
        if (meets) {
          changed++;
          assertThat(again.status()).as("%s meets the edit: re-rendered", p).isNotEqualTo(304);
          assertThat(again.etag()).as(p).isNotEqualTo(entry.getValue());
        } else {
          kept++;
          assertThat(again.status()).as("%s is away from the edit: still cached", p).isEqualTo(304);
          assertThat(again.etag()).as(p).isEqualTo(entry.getValue());
        }
      }
      assertThat(changed).isGreaterThan(20);
      assertThat(kept).isGreaterThan(20);
    } finally {
      assertThat(http.put(path, original.toString(), http.etag(path)).status()).isEqualTo(200);
    }
  }

  // ---------------------------------------------------------------- the cached fast path

  /** Headers whose value differs between two answers by design. */
  static final Set<String> PER_ANSWER = Set.of("date", "keep-alive", "connection");

  @Autowired TileService tileService;

  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("cachedTileFilter")
  org.springframework.boot.web.servlet.FilterRegistrationBean<CachedTileFilter> behindChain;

  @Autowired
  @org.springframework.beans.factory.annotation.Qualifier("cachedTileFrontFilter")
  org.springframework.boot.web.servlet.FilterRegistrationBean<CachedTileFilter> inFront;

  /** One exchange with every response header (lower-case names), Basic as admin by default. */
  java.net.http.HttpResponse<byte[]> exchange(String method, String path, String... headers) {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
            .method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
    boolean auth = true;
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equals("Authorization")) {
        auth = false;
        if (headers[i + 1] == null) {
          continue; // anonymous
        }
      }
      b.header(headers[i], headers[i + 1]);
    }
    if (auth) {
      b.header("Authorization", org.zoneplan.testsupport.Credentials.ADMIN.header());
    }
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, List<String>> headersOf(java.net.http.HttpResponse<byte[]> r) {
    Map<String, List<String>> h = new java.util.TreeMap<>();
    r.headers()
        .map()
        .forEach(
            (k, v) -> {
              if (!PER_ANSWER.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                h.put(k.toLowerCase(java.util.Locale.ROOT), v);
              }
            });
    return h;
  }

  /** Requests the light path answered from the cache, in front of Spring Security or behind. */
  long servedFast() {
    return inFront.getFilter().served() + behindChain.getFilter().served();
  }

  /** Requests the light path answered with a tile it rendered (a miss). */
  long renderedFast() {
    return inFront.getFilter().rendered() + behindChain.getFilter().rendered();
  }

  /**
   * The controller's answer to the same request: {@code If-Match: *} (which any existing tile
   * meets, so the answer is the plain 200, 204 or 304) is left to Spring MVC by the light path.
   */
  java.net.http.HttpResponse<byte[]> byController(String method, String path, String... headers) {
    long served = servedFast();
    long rendered = renderedFast();
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = "If-Match";
    all[headers.length + 1] = "*";
    java.net.http.HttpResponse<byte[]> r = exchange(method, path, all);
    assertThat(servedFast()).as("the controller's: %s", path).isEqualTo(served);
    assertThat(renderedFast()).as("the controller's: %s", path).isEqualTo(rendered);
    return r;
  }

  @Test
  void missesAndHitsAreAnsweredByTheLightPathWithTheControllersBytesAndHeaders() {
    String core13 = coreTile(13).toString();
    String[][] cases = {
      {"GET", "/tiles/zones/" + core13 + ".mvt", "Accept-Encoding", "identity"},
      {"GET", "/tiles/zones/" + core13 + ".mvt", "Accept-Encoding", "gzip, deflate"},
      {"GET", "/tiles/zones/" + core13 + ".mvt", "Accept-Encoding", "gzip;q=0, identity"},
      {"HEAD", "/tiles/zones/" + core13 + ".mvt", "Accept-Encoding", "gzip"},
      {"GET", "/tiles/zones/" + core13 + ".mvt?plan=" + PLAN, "Accept-Encoding", "gzip"},
      {"GET", "/tiles/zones/" + core13 + ".png", "Accept-Encoding", "gzip"},
      {"GET", "/tiles/zones/" + core13.replaceAll("/(\\d+)$", "/$1@2x") + ".png", "X", "1"},
      {"GET", "/tiles/divisions/" + coreTile(10) + ".mvt", "Accept-Encoding", "identity"},
      {"GET", "/tiles/parcels/" + coreTile(14) + ".mvt", "Accept-Encoding", "gzip"},
      {"GET", "/tiles/zones/12/0/0.mvt", "Accept-Encoding", "gzip"}, // empty: 204
    };
    for (String[] c : cases) {
      tileService.clearCache();
      long before = servedFast();
      long renderedBefore = renderedFast();
      java.net.http.HttpResponse<byte[]> rendered = exchange(c[0], c[1], c[2], c[3]);
      assertThat(servedFast()).as("a miss is not a hit: %s", c[1]).isEqualTo(before);
      assertThat(renderedFast())
          .as("a miss is rendered by the light path: %s", c[1])
          .isEqualTo(renderedBefore + 1);
      java.net.http.HttpResponse<byte[]> cached = exchange(c[0], c[1], c[2], c[3]);
      assertThat(servedFast()).as("a hit is the light path's: %s", c[1]).isEqualTo(before + 1);
      assertThat(renderedFast())
          .as("a hit renders nothing: %s", c[1])
          .isEqualTo(renderedBefore + 1);
      java.net.http.HttpResponse<byte[]> controller = byController(c[0], c[1], c[2], c[3]);
      for (java.net.http.HttpResponse<byte[]> r : List.of(rendered, cached)) {
        assertThat(r.statusCode()).as(c[1]).isEqualTo(controller.statusCode()).isIn(200, 204);
        assertThat(r.body()).as(c[1]).isEqualTo(controller.body());
        assertThat(headersOf(r)).as("%s %s %s", c[0], c[1], c[3]).isEqualTo(headersOf(controller));
        assertThat(headersOf(r)).doesNotContainKey("set-cookie");
      }
    }
    // the forms differ as they should: gzip only when accepted (and not refused with q=0)
    java.net.http.HttpResponse<byte[]> gz =
        exchange("GET", "/tiles/zones/" + core13 + ".mvt", "Accept-Encoding", "gzip");
    java.net.http.HttpResponse<byte[]> plain =
        exchange("GET", "/tiles/zones/" + core13 + ".mvt", "Accept-Encoding", "gzip;q=0");
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(new TileClient.Response(200, "", "gzip", null, gz.body()).decoded())
        .isEqualTo(plain.body());
    assertThat(gz.headers().firstValue("ETag")).isEqualTo(plain.headers().firstValue("ETag"));
    assertThat(plain.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.mapbox-vector-tile");
    assertThat(plain.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(plain.body().length));
  }

  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  /** Requests counted in {@code http.server.requests} under the tile controller's pattern. */
  long tileRequestsCounted() {
    return meters
        .find("http.server.requests")
        .tag("uri", CachedTileFilter.PATTERN)
        .timers()
        .stream()
        .mapToLong(io.micrometer.core.instrument.Timer::count)
        .sum();
  }

  /**
   * The counts of every {@code http.server.requests} timer once earlier requests are all counted (a
   * request is timed as its answer is sent, so its count may come a moment after the answer).
   */
  Map<io.micrometer.core.instrument.Meter.Id, Long> requestTimerCounts()
      throws InterruptedException {
    Map<io.micrometer.core.instrument.Meter.Id, Long> last = timerCounts();
    while (true) {
      Thread.sleep(50);
      Map<io.micrometer.core.instrument.Meter.Id, Long> now = timerCounts();
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
  }

  private Map<io.micrometer.core.instrument.Meter.Id, Long> timerCounts() {
    Map<io.micrometer.core.instrument.Meter.Id, Long> counts = new HashMap<>();
    meters.find("http.server.requests").timers().forEach(t -> counts.put(t.getId(), t.count()));
    return counts;
  }

  /**
   * The one timer of {@code http.server.requests} that counted one request more than in {@code
   * before}, all others unchanged (waiting a moment: the observation ends after the answer is
   * sent).
   */
  io.micrometer.core.instrument.Meter.Id oneMoreRequestTimed(
      Map<io.micrometer.core.instrument.Meter.Id, Long> before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      Map<io.micrometer.core.instrument.Meter.Id, Long> now = timerCounts();
      List<io.micrometer.core.instrument.Meter.Id> changed = new ArrayList<>();
      long added = 0;
      for (Map.Entry<io.micrometer.core.instrument.Meter.Id, Long> e : now.entrySet()) {
        long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
        if (d != 0) {
          changed.add(e.getKey());
          added += d;
        }
      }
      if (added >= 1 || System.nanoTime() > deadline) {
        assertThat(added).as("requests timed: %s", changed).isEqualTo(1);
        return changed.get(0);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void aMissAndAHitOfTheLightPathAreTimedUnderTheControllersPattern() throws Exception {
    String path = "/tiles/parcels/" + coreTile(15) + ".mvt";
    tileService.clearCache();
    long counted = tileRequestsCounted();
    long rendered = renderedFast();
    long served = servedFast();
    assertThat(exchange("GET", path).statusCode()).isEqualTo(200);
    assertThat(exchange("GET", path).statusCode()).isEqualTo(200);
    assertThat(renderedFast()).isEqualTo(rendered + 1);
    assertThat(servedFast()).isEqualTo(served + 1);
    // the observation ends after the answer is sent: wait a moment for it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (tileRequestsCounted() < counted + 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(tileRequestsCounted()).isEqualTo(counted + 2);
  }

  @Test
  void theFastPathAnswers304OnAMatchingETagAsTheControllerDoes() {
    String path = "/tiles/zones/" + coreTile(12) + ".mvt";
    // rendered now (a tile kept over an edit elsewhere keeps the ETag of its first rendering)
    tileService.clearCache();
    String etag = exchange("GET", path).headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("W/\"");
    tileService.clearCache(); // same data version: the re-rendered tile has the same ETag
    long before = servedFast();
    long renderedBefore = renderedFast();
    java.net.http.HttpResponse<byte[]> rendered = exchange("GET", path, "If-None-Match", etag);
    assertThat(servedFast()).isEqualTo(before);
    assertThat(renderedFast()).isEqualTo(renderedBefore + 1);
    java.net.http.HttpResponse<byte[]> byFastPath = exchange("GET", path, "If-None-Match", etag);
    assertThat(servedFast()).isEqualTo(before + 1);
    java.net.http.HttpResponse<byte[]> byController =
        byController("GET", path, "If-None-Match", etag);
    assertThat(byController.statusCode()).isEqualTo(304);
    assertThat(rendered.statusCode()).isEqualTo(304);
    assertThat(byFastPath.statusCode()).isEqualTo(304);
    assertThat(byFastPath.body()).isEmpty();
    assertThat(rendered.body()).isEmpty();
    assertThat(headersOf(byFastPath)).isEqualTo(headersOf(byController));
    assertThat(headersOf(rendered)).isEqualTo(headersOf(byController));
    assertThat(byFastPath.headers().firstValue("ETag")).hasValue(etag);
    assertThat(byFastPath.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(byFastPath.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    // weak comparison (RFC 9110 13.1.2), lists and *, and a tag that does not match
    String strong = etag.substring(2);
    assertThat(exchange("GET", path, "If-None-Match", strong).statusCode()).isEqualTo(304);
    assertThat(exchange("GET", path, "If-None-Match", "\"x\", " + etag).statusCode())
        .isEqualTo(304);
    assertThat(exchange("GET", path, "If-None-Match", "*").statusCode()).isEqualTo(304);
    assertThat(exchange("GET", path, "If-None-Match", "W/\"other\"").statusCode()).isEqualTo(200);
    // If-Match and If-Unmodified-Since are left to the controller (Spring MVC's precondition
    // rules), which answers them as before
    long beforeIfMatch = servedFast();
    long renderedBeforeIfMatch = renderedFast();
    assertThat(exchange("GET", path, "If-Match", "\"other\"").statusCode()).isEqualTo(200);
    assertThat(servedFast()).isEqualTo(beforeIfMatch);
    assertThat(renderedFast()).isEqualTo(renderedBeforeIfMatch);
  }

  /**
   * A Basic request whose password was checked a moment ago is answered in front of Spring
   * Security's chain; the same request after the cache of checked passwords is emptied goes through
   * the chain (and the light path behind it). Both answers must be the same, headers included.
   */
  @Test
  void aReadInFrontOfTheChainIsAnsweredAsThroughTheChain() throws InterruptedException {
    String core13 = coreTile(13).toString();
    String parcels = "/tiles/parcels/" + coreTile(14) + ".mvt";
    exchange("GET", parcels); // cached
    String etag = exchange("GET", parcels).headers().firstValue("ETag").orElseThrow();
    String[][] cases = {
      {"GET", parcels, "Accept-Encoding", "identity"},
      {"GET", parcels, "Accept-Encoding", "gzip"},
      {"HEAD", parcels, "Accept-Encoding", "gzip"},
      {"GET", parcels, "If-None-Match", etag},
      {"GET", "/tiles/zones/" + core13 + ".mvt?plan=" + PLAN, "Accept-Encoding", "gzip"},
      {"GET", "/tiles/zones/" + core13 + ".png", "Accept-Encoding", "gzip"},
      {"GET", "/tiles/zones/12/0/0.mvt", "Accept-Encoding", "gzip"}, // empty: 204
    };
    for (String[] c : cases) {
      exchange(c[0], c[1], c[2], c[3]); // the tile cached
      events.publishEvent(new org.zoneplan.security.UsersChangedEvent("admin"));
      long front = inFront.getFilter().served();
      long behind = behindChain.getFilter().served();
      Map<io.micrometer.core.instrument.Meter.Id, Long> counts = requestTimerCounts();
      java.net.http.HttpResponse<byte[]> throughChain = exchange(c[0], c[1], c[2], c[3]);
      assertThat(behindChain.getFilter().served())
          .as("through the chain: %s", c[1])
          .isEqualTo(behind + 1);
      assertThat(inFront.getFilter().served()).as("through the chain: %s", c[1]).isEqualTo(front);
      io.micrometer.core.instrument.Meter.Id timedThroughChain = oneMoreRequestTimed(counts);
      counts = requestTimerCounts();
      java.net.http.HttpResponse<byte[]> before = exchange(c[0], c[1], c[2], c[3]);
      assertThat(inFront.getFilter().served()).as("in front: %s", c[1]).isEqualTo(front + 1);
      assertThat(behindChain.getFilter().served()).as("in front: %s", c[1]).isEqualTo(behind + 1);
      // timed under the same meter, tags and all
      assertThat(oneMoreRequestTimed(counts)).as(c[1]).isEqualTo(timedThroughChain);
      assertThat(timedThroughChain.getTag("uri")).isEqualTo(CachedTileFilter.PATTERN);
      assertThat(before.statusCode())
          .as(c[1])
          .isEqualTo(throughChain.statusCode())
          .isIn(200, 204, 304);
      assertThat(before.body()).as(c[1]).isEqualTo(throughChain.body());
      assertThat(headersOf(before))
          .as("%s %s %s", c[0], c[1], c[3])
          .isEqualTo(headersOf(throughChain))
          .containsKeys("x-content-type-options", "x-frame-options", "content-security-policy")
          .doesNotContainKeys("set-cookie", "pragma", "expires");
    }
    // a wrong password, a malformed header, an unknown user: never answered in front
    long front = inFront.getFilter().served();
    for (String authorization :
        new String[] {
          new org.zoneplan.testsupport.Credentials("admin", "wrong").header(),
          "Basic !!!",
          new org.zoneplan.testsupport.Credentials("nobody", "demo").header()
        }) {
      assertThat(exchange("GET", parcels, "Authorization", authorization).statusCode())
          .as(authorization)
          .isEqualTo(401);
    }
    // nor an encoded or unusual URL, which the chain's firewall judges
    assertThat(exchange("GET", parcels.replace("/14/", "/14;x=1/")).statusCode()).isEqualTo(400);
    assertThat(exchange("GET", parcels.replace("/14/", "/%31%34/")).statusCode()).isEqualTo(200);
    assertThat(inFront.getFilter().served()).isEqualTo(front);
  }

  @Test
  void theFastPathKeepsEverySecurityRule() {
    String path = "/tiles/parcels/" + coreTile(14) + ".mvt";
    // a miss is refused as a hit is: nothing rendered for a request that is not signed in
    tileService.clearCache();
    long renderedBefore = renderedFast();
    java.net.http.HttpResponse<byte[]> refused = exchange("GET", path, "Authorization", null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(renderedFast()).isEqualTo(renderedBefore);
    assertThat(exchange("GET", path).statusCode()).isEqualTo(200); // now cached
    assertThat(renderedFast())
        .as("rendered for the first signed-in request")
        .isEqualTo(renderedBefore + 1);
    long before = servedFast();
    for (String authorization :
        new String[] {
          null,
          new org.zoneplan.testsupport.Credentials("admin", "wrong").header(),
          new org.zoneplan.testsupport.Credentials("nobody", "demo").header(),
          "Bearer abc"
        }) {
      java.net.http.HttpResponse<byte[]> r = exchange("GET", path, "Authorization", authorization);
      assertThat(r.statusCode()).as("%s", authorization).isEqualTo(401);
      assertThat(r.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(new String(r.body(), StandardCharsets.UTF_8))
          .containsAnyOf(
              "urn:zoneplan:problem:unauthenticated", "urn:zoneplan:problem:bad-credentials");
      assertThat(r.headers().firstValue("ETag")).isEmpty();
    }
    // writes to a tile URL: no rule allows them (ADMIN only, then no handler); never a tile
    java.net.http.HttpResponse<byte[]> post =
        exchange(
            "POST",
            path,
            "Authorization",
            new org.zoneplan.testsupport.Credentials("viewer", "demo").header());
    assertThat(post.statusCode()).isIn(401, 403);
    assertThat(servedFast()).isEqualTo(before);
    // a signed-in answer from the cache creates no session and carries the security headers
    java.net.http.HttpResponse<byte[]> ok = exchange("GET", path);
    assertThat(servedFast()).isEqualTo(before + 1);
    assertThat(ok.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(ok.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(ok.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void requestsTheFastPathCannotAnswerGoOnToTheController() {
    String tile = coreTile(13).toString();
    exchange("GET", "/tiles/zones/" + tile + ".mvt"); // cached
    long before = servedFast();
    long renderedBefore = renderedFast();
    assertProblem("/tiles/zones/" + tile + ".mvt?plan=no-such-plan", 404, "plan-not-found");
    assertProblem("/tiles/zones/21/0/0.mvt", 400, "zoom-out-of-range");
    assertProblem("/tiles/zones/" + tile + ".jpg", 404, "tile-format-not-found");
    assertProblem("/tiles/zones/" + tile + "@2x.mvt", 404, "tile-format-not-found");
    assertProblem("/tiles/grades/" + coreTile(13) + ".mvt", 422, "missing-year");
    tileService.clearCache();
    assertThat(renderedFast()).as("problems are the controller's").isEqualTo(renderedBefore);
    assertThat(exchange("GET", "/tiles/zones/" + coreTile(15) + ".mvt").statusCode())
        .isEqualTo(200);
    assertThat(servedFast()).isEqualTo(before);
    assertThat(renderedFast()).isEqualTo(renderedBefore + 1);
  }

  @Test
  void aTileDroppedByAnEditIsNotServedStaleByTheFastPath() {
    analysis.parcels(); // the tiles read parcels from memory: the edit must reach them there too
    double lon = 119.745;
    double lat = 29.515;
    int[] xy = tileOf(lon, lat, 16);
    String path = "/tiles/parcels/16/" + xy[0] + "/" + xy[1] + ".mvt";
    exchange("GET", path, "Accept-Encoding", "gzip");
    java.net.http.HttpResponse<byte[]> cached = exchange("GET", path, "Accept-Encoding", "gzip");
    String etag = cached.headers().firstValue("ETag").orElseThrow();
    long before = servedFast();
    long renderedBefore = renderedFast();
    Parcel added =
        parcels.insert(parcel(LandUseScheme.GBT21010_2017, "0601", square(lon, lat, 0.0004)));
    try {
      events.publishEvent(new ParcelsChangedEvent(added.geometry().getEnvelopeInternal()));
      java.net.http.HttpResponse<byte[]> after = exchange("GET", path, "If-None-Match", etag);
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(servedFast()).as("not from the cache").isEqualTo(before);
      assertThat(renderedFast()).as("re-rendered").isEqualTo(renderedBefore + 1);
      assertThat(after.headers().firstValue("ETag"))
          .isPresent()
          .isNotEqualTo(java.util.Optional.of(etag));
      assertThat(MvtTestSupport.decode(after.body(), "parcels"))
          .anySatisfy(
              f ->
                  assertThat(((Number) f.attributes().get("id")).longValue())
                      .isEqualTo(added.id()));
      java.net.http.HttpResponse<byte[]> again = exchange("GET", path);
      assertThat(servedFast()).isEqualTo(before + 1);
      assertThat(again.body()).isEqualTo(after.body());
    } finally {
      parcels.delete(added.id());
      events.publishEvent(new ParcelsChangedEvent(added.geometry().getEnvelopeInternal()));
    }
  }

  // ---------------------------------------------------------------- parcels from memory

  @Autowired org.zoneplan.analysis.AnalysisCache analysis;
  @Autowired TileFeatures tileFeatures;

  /** No parcel snapshot in memory (a parcel change drops it), so the tiles read the store. */
  void dropParcelSnapshot() {
    events.publishEvent(new ParcelsChangedEvent(null));
    assertThat(analysis.builtIndex()).isNull();
  }

  @Test
  void parcelsFromTheAnalysisIndexAreTheRowsOfTheStore() {
    for (int z : new int[] {13, 14, 16}) {
      Envelope box = coreTile(z).lonLatEnvelope(MVT_BUFFER);
      for (double minArea : new double[] {0, 2000}) {
        dropParcelSnapshot();
        List<TileFeature> fromStore = tileFeatures.parcels(box, minArea);
        analysis.parcels(); // built, as by the warm-up
        assertThat(analysis.builtIndex()).isNotNull();
        List<TileFeature> fromIndex = tileFeatures.parcels(box, minArea);
        assertThat(fromStore).as("z%d", z).isNotEmpty();
        assertThat(fromIndex).extracting(TileFeature::id).as("by id").isSorted();
        // PostGIS's && compares single-precision boxes rounded outwards: the store may add parcels
        // whose box misses the tile's by less than that rounding (about 1e-5° here), which no
        // tile shows (they lie outside the buffered tile); the index compares exact boxes
        Map<Long, TileFeature> stored = new LinkedHashMap<>();
        fromStore.forEach(f -> stored.put(f.id(), f));
        for (TileFeature b : fromIndex) {
          TileFeature a = stored.remove(b.id());
          assertThat(a)
              .as("z%d: parcel %d from the index is in the store's rows", z, b.id())
              .isNotNull();
          assertThat(b.attributes()).as("parcel %d", a.id()).isEqualTo(a.attributes());
          assertThat(b.geometry().equalsExact(a.geometry())).as("parcel %d", a.id()).isTrue();
          assertThat(b.style()).isEqualTo(a.style());
        }
        for (TileFeature extra : stored.values()) {
          Envelope e = extra.geometry().getEnvelopeInternal();
          assertThat(e.intersects(box))
              .as("z%d: parcel %d only in the store", z, extra.id())
              .isFalse();
          assertThat(e.distance(box)).as("parcel %d", extra.id()).isLessThan(1e-4);
        }
        assertThat(stored.size())
            .as("z%d: rows only in the store", z)
            .isLessThanOrEqualTo(fromStore.size() / 20);
      }
    }
  }

  @Test
  void theFirstParcelTileAfterAChangeHasTheIndexBuiltAgain() throws Exception {
    dropParcelSnapshot();
    tileService.clearCache();
    assertThat(exchange("GET", "/tiles/parcels/" + coreTile(15) + ".mvt").statusCode())
        .isEqualTo(200);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (analysis.builtIndex() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(analysis.builtIndex()).as("built in the background").isNotNull();
    assertThat(analysis.builtIndex().size()).isEqualTo(parcels.count());
  }

  @Test
  void aParcelTileIsTheSameFromMemoryAndFromTheStore() {
    for (String path :
        List.of(
            "/tiles/parcels/" + coreTile(14) + ".mvt",
            "/tiles/parcels/" + coreTile(16) + ".mvt",
            "/tiles/parcels/" + coreTile(14) + ".png")) {
      dropParcelSnapshot();
      tileService.clearCache();
      java.net.http.HttpResponse<byte[]> fromStore = exchange("GET", path);
      analysis.parcels();
      tileService.clearCache();
      java.net.http.HttpResponse<byte[]> fromIndex = exchange("GET", path);
      assertThat(fromStore.statusCode()).isEqualTo(200);
      assertThat(fromIndex.body()).as(path).isEqualTo(fromStore.body());
      assertThat(fromIndex.headers().firstValue("ETag"))
          .isEqualTo(fromStore.headers().firstValue("ETag"));
    }
  }

  // ---------------------------------------------------------------- bad requests

  @Test
  void badRequestsAreProblems() {
    assertProblem("/tiles/zones/21/0/0.mvt", 400, "zoom-out-of-range");
    assertProblem("/tiles/parcels/11/1706/847.mvt", 400, "zoom-out-of-range");
    assertProblem("/tiles/zones/3/8/0.mvt", 400, "tile-outside-grid");
    assertProblem("/tiles/zones/3/0/-1.png", 400, "tile-outside-grid");
    assertProblem("/tiles/zones/3/0/99999999.png", 400, "tile-outside-grid");
    assertProblem("/tiles/zones/x/0/0.mvt", 400, "invalid-tile-coordinate");
    assertProblem("/tiles/roads/3/0/0.mvt", 404, "tile-layer-not-found");
    assertProblem("/tiles/roads.json", 404, "tile-layer-not-found");
    assertProblem("/tiles/zones/3/0/0.jpg", 404, "tile-format-not-found");
    assertProblem("/tiles/zones/3/0/0@2x.mvt", 404, "tile-format-not-found");
    assertProblem("/tiles/zones/3/6/3.mvt?plan=no-such-plan", 404, "plan-not-found");
    assertProblem("/tiles/zones.json?plan=no-such-plan", 404, "plan-not-found");
  }

  // ---------------------------------------------------------------- helpers

  void assertProblem(String path, int status, String type) {
    Http.Response response = http.get(path);
    assertThat(response.status()).as("%s: %s", path, response.text()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:" + type);
  }

  Map<String, JsonNode> zones(String plan) {
    Map<String, JsonNode> byCode = new LinkedHashMap<>();
    http.get("/api/plans/" + plan + "/zones")
        .json()
        .get("features")
        .forEach(f -> byCode.put(f.get("properties").get("code").asString(), f));
    return byCode;
  }

  static Geometry geometry(JsonNode feature) {
    MultiPolygon g = GeoJson.readPolygonal(feature.get("geometry"));
    return g;
  }

  TileCoord coreTile(int z) {
    Coordinate c = geometry(zones(PLAN).get("PJ-1-CORE")).getInteriorPoint().getCoordinate();
    int[] xy = tileOf(c.x, c.y, z);
    return new TileCoord(z, xy[0], xy[1]);
  }

  /** Tile containing a point: the OpenStreetMap wiki's formula. */
  static int[] tileOf(double lon, double lat, int z) {
    double n = 1 << z;
    double latRad = Math.toRadians(lat);
    return new int[] {
      (int) Math.floor((lon + 180) / 360 * n),
      (int) Math.floor((1 - asinh(Math.tan(latRad)) / Math.PI) / 2 * n)
    };
  }

  static double asinh(double x) {
    return Math.log(x + Math.sqrt(x * x + 1));
  }

  /** Longitude/latitude box of a tile widened by {@code buffer} tile sizes (wiki's formulas). */
  static Envelope lonLatEnvelope(TileCoord t, double buffer) {
    double n = 1 << t.z();
    double west = (t.x() - buffer) / n * 360 - 180;
    double east = (t.x() + 1 + buffer) / n * 360 - 180;
    double north = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (t.y() - buffer) / n))));
    double south =
        Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (t.y() + 1 + buffer) / n))));
    return new Envelope(west, east, south, north);
  }

  /** Pixel (x, y) of a point in the tile {@code xy} at zoom z, tile size {@code size}. */
  static double[] pixelOf(double lon, double lat, int z, int[] xy, int size) {
    double n = 1 << z;
    double worldX = (lon + 180) / 360 * n;
    double worldY = (1 - asinh(Math.tan(Math.toRadians(lat))) / Math.PI) / 2 * n;
    return new double[] {(worldX - xy[0]) * size, (worldY - xy[1]) * size};
  }

  static double[] lonLatOfPixel(int z, int[] origin, double px, double py) {
    double n = 1 << z;
    double worldX = origin[0] + px / 256;
    double worldY = origin[1] + py / 256;
    return new double[] {
      worldX / n * 360 - 180, Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * worldY / n))))
    };
  }

  static Geometry toTileUnits(Geometry lonLat, TileCoord tile) {
    Geometry copy = lonLat.copy();
    copy.apply(
        (Coordinate c) -> {
          double[] p = pixelOf(c.x, c.y, tile.z(), new int[] {tile.x(), tile.y()}, EXTENT);
          c.x = p[0];
          c.y = p[1];
        });
    copy.geometryChanged();
    return copy;
  }

  static BufferedImage image(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image).as("a PNG image").isNotNull();
      return image;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Geometry square(double lon, double lat, double size) {
    return LONLAT.createMultiPolygon(
        new org.locationtech.jts.geom.Polygon[] {
          (org.locationtech.jts.geom.Polygon)
              LONLAT.toGeometry(new Envelope(lon, lon + size, lat, lat + size))
        });
  }

  static Parcel parcel(LandUseScheme scheme, String code, Geometry geometry) {
    MultiPolygon g = (MultiPolygon) geometry;
    return new Parcel(0, scheme, code, g, AreaFigures.of(g).squareMetres());
  }
}
