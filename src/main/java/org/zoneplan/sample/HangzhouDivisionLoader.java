package org.zoneplan.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.divisions.DivisionService;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.geo.GeometryRepair;
import org.zoneplan.system.Actors;
import org.zoneplan.system.SampleDataEnabled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hangzhou's 13 districts and counties as they were before the 2021 reorganisation (shipped as
 * {@code sample/hangzhou-districts.geojson}, from {@code ../shared/data}, MIT licence beside it;
 * feature ids are division codes, 临安 still 330185), stored as sample divisions of level {@code
 * COUNTY} (the store's word for the county level, 县级: 区, 县 and 县级市 alike, as Jinhua's 婺城区 and 金东区
 * are) under the city row 330100 杭州市 (level {@code CITY}), whose outline is the union of the
 * districts'. Every ring of the source self-intersects: each outline is repaired with {@link
 * GeometryRepair} and the repair recorded on the division, like the Jinhua outlines of {@link
 * SampleDataLoader}. Loaded once, when the store lacks 330100 (also into a store that already holds
 * the Pujiang sample), in one transaction; only with {@code zoneplan.sample-data.enabled}.
 */
@Component
@SampleDataEnabled
public class HangzhouDivisionLoader implements SmartInitializingSingleton {
  public static final String CITY = "330100";
  static final String CITY_NAME = "杭州市";
  static final String PROVINCE = "330000";
  static final String RESOURCE = "classpath:sample/hangzhou-districts.geojson";

  private static final Logger log = LoggerFactory.getLogger(HangzhouDivisionLoader.class);

  private final ResourceLoader resources;
  private final DivisionRepository divisions;
  private final DivisionService writer;
  private final TransactionTemplate transaction;

  HangzhouDivisionLoader(
      ResourceLoader resources,
      DivisionRepository divisions,
      DivisionService writer,
      TransactionTemplate transaction) {
    this.resources = resources;
    this.divisions = divisions;
    this.writer = writer;
    this.transaction = transaction;
  }

  @Override
  public void afterSingletonsInstantiated() {
    ensureLoaded();
  }

  /** Loads the districts and the city unless the store holds 330100; safe to call again. */
  public synchronized void ensureLoaded() {
    if (divisions.find(CITY).isPresent()) {
      return;
    }
    List<Division> rows = read();
    Actors.runAs(
        Actors.SYSTEM,
        () ->
            transaction.executeWithoutResult(
                status -> {
                  if (divisions.find(CITY).isPresent()) {
                    return;
                  }
                  rows.forEach(writer::save);
                }));
    log.info(
        "Loaded Hangzhou's {} districts and the city outline as sample divisions", rows.size() - 1);
  }

  /** The city row first, then the districts in the file's order. */
  List<Division> read() {
    Resource resource = resources.getResource(RESOURCE);
    JsonNode collection;
    try (InputStream in = resource.getInputStream()) {
      collection = JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    List<Division> districts = new ArrayList<>();
    List<Geometry> outlines = new ArrayList<>();
    for (JsonNode feature : collection.get("features")) {
      String code = feature.get("id").asString();
      String name = feature.get("properties").get("name").asString();
      // WGS84 degrees in the source, taken as CGCS2000 (centimetres apart), as for Jinhua.
      MultiPolygon raw = GeoJson.readPolygonal(feature.get("geometry"), GeometryLimits.DEFAULT);
      GeometryRepair.Result repaired = GeometryRepair.repair(raw);
      if (repaired.repaired()) {
        log.info("Repaired outline of {} {}: {}", code, name, repaired.report());
      }
      outlines.add(repaired.geometry());
      districts.add(
          new Division(
              code,
              name,
              "COUNTY",
              CITY,
              repaired.geometry(),
              AreaFigures.of(repaired.geometry()),
              repaired.repaired() ? repaired.report() : null));
    }
    MultiPolygon city = GeoJson.toMultiPolygon(OverlayNGRobust.union(outlines));
    city.setSRID(outlines.get(0).getSRID());
    List<Division> rows = new ArrayList<>();
    rows.add(
        new Division(
            CITY,
            CITY_NAME,
            "CITY",
            PROVINCE,
            city,
            AreaFigures.of(city),
            "union (JTS OverlayNG) of the "
                + districts.size()
                + " district outlines, each repaired with JTS GeometryFixer (the repair is on the"
                + " district's row)"));
    rows.addAll(districts);
    return rows;
  }
}
