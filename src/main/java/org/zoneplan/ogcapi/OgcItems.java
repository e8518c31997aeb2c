package org.zoneplan.ogcapi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.stereotype.Component;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.parcels.LandUser;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.AreaJson;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;

/** The collections and their features, read from the store with a bounding box and a page. */
@Component
class OgcItems {
  /** The whole world in EPSG:4490: the box that selects everything. */
  static final Envelope WORLD = new Envelope(-180, 180, -90, 90);

  /** One feature: id, properties (API names) and geometry in EPSG:4490. */
  record Item(String id, Map<String, Object> properties, MultiPolygon geometry) {}

  record Page(List<Item> items, long matched) {}

  private final ZoneService zoneService;
  private final ZoneRepository zones;
  private final ParcelRepository parcels;
  private final DivisionRepository divisions;

  OgcItems(
      ZoneService zoneService,
      ZoneRepository zones,
      ParcelRepository parcels,
      DivisionRepository divisions) {
    this.zoneService = zoneService;
    this.zones = zones;
    this.parcels = parcels;
    this.divisions = divisions;
  }

  List<OgcCollection> collections() {
    List<OgcCollection> list = new ArrayList<>();
    for (PlanVersion plan : zoneService.plans()) {
      list.add(zoneCollection(plan));
    }
    list.add(parcelCollection());
    list.add(divisionCollection());
    return list;
  }

  OgcCollection collection(String id) {
    if (id.startsWith(OgcCollection.ZONES_PREFIX)) {
      String planId = id.substring(OgcCollection.ZONES_PREFIX.length());
      return zones
          .findPlan(planId)
          .filter(p -> visibleCodes(p.id()) == null || !visibleCodes(p.id()).isEmpty())
          .map(this::zoneCollection)
          .orElseThrow(() -> notFound(id));
    }
    return switch (id) {
      case "parcels" -> parcelCollection();
      case "divisions" -> divisionCollection();
      default -> throw notFound(id);
    };
  }

  private static ApiProblem notFound(String id) {
    return ApiProblem.notFound("collection", "no collection \"" + id + "\"").with("collection", id);
  }

  private java.util.Set<String> visibleCodes(String planId) {
    return zoneService.visibility().visibleCodes(planId);
  }

  private OgcCollection zoneCollection(PlanVersion plan) {
    Envelope extent = new Envelope();
    zoneService
        .visibility()
        .filter(plan.id(), zones.findZones(plan.id()))
        .forEach(z -> extent.expandToInclude(z.geometry().getEnvelopeInternal()));
    return new OgcCollection(
        OgcCollection.ZONES_PREFIX + plan.id(),
        plan.name() + " 开发区(园区)范围",
        "Zones of plan version " + plan.id() + " (" + plan.status() + ", " + plan.date() + ")",
        OgcCollection.Layer.ZONES,
        plan.id(),
        extent.isNull() ? null : extent,
        plan.date());
  }

  private OgcCollection parcelCollection() {
    Envelope extent = parcels.extent();
    return new OgcCollection(
        "parcels", "地块", "Land parcels", OgcCollection.Layer.PARCELS, null, extent, null);
  }

  private OgcCollection divisionCollection() {
    Envelope extent = new Envelope();
    divisions.findAll(true).stream()
        .filter(d -> d.geometry() != null)
        .forEach(d -> extent.expandToInclude(d.geometry().getEnvelopeInternal()));
    return new OgcCollection(
        "divisions",
        "行政区划",
        "Administrative divisions with an outline",
        OgcCollection.Layer.DIVISIONS,
        null,
        extent.isNull() ? null : extent,
        null);
  }

  /**
   * A page of features whose bounding boxes meet {@code box} (EPSG:4490), in id order.
   *
   * @param dates the datetime filter as [start, end] (nulls open), applied to zone collections
   */
  Page page(OgcCollection c, Envelope box, LocalDate[] dates, int limit, long offset) {
    switch (c.layer()) {
      case ZONES -> {
        if (dates != null && !within(c.date(), dates)) {
          return new Page(List.of(), 0);
        }
        List<Item> all =
            zoneService
                .visibility()
                .filter(c.planId(), zones.findZonesIntersecting(c.planId(), box))
                .stream()
                .map(OgcItems::zone)
                .toList();
        return slice(all, limit, offset);
      }
      case PARCELS -> {
        java.util.function.Predicate<org.locationtech.jts.geom.Geometry> land =
            zoneService.visibility().landFilter(null);
        if (land != null) {
          return scopedParcels(box, land, limit, offset);
        }
        long matched = parcels.countIntersecting(box);
        List<Parcel> found = parcels.findIntersecting(box, limit, offset);
        Map<Long, List<LandUser>> users =
            parcels.landUsers(found.stream().map(Parcel::id).toList());
        List<Item> items =
            found.stream().map(p -> parcel(p, users.getOrDefault(p.id(), List.of()))).toList();
        return new Page(items, matched);
      }
      default -> {
        List<Item> all =
            divisions.findAll(true).stream()
                .filter(d -> d.geometry() != null)
                .filter(d -> d.geometry().getEnvelopeInternal().intersects(box))
                .map(OgcItems::division)
                .toList();
        return slice(all, limit, offset);
      }
    }
  }

  /**
   * A page of the parcels a user limited by jurisdiction may see: the box's parcels read in chunks
   * and filtered by the land of their scope (so the count is of theirs only).
   */
  private Page scopedParcels(
      Envelope box,
      java.util.function.Predicate<org.locationtech.jts.geom.Geometry> land,
      int limit,
      long offset) {
    final int chunk = 2_000;
    List<Parcel> kept = new ArrayList<>();
    long matched = 0;
    for (long at = 0; ; at += chunk) {
      List<Parcel> found = parcels.findIntersecting(box, chunk, at);
      for (Parcel p : found) {
        if (land.test(p.geometry())) {
          if (matched >= offset && kept.size() < limit) {
            kept.add(p);
          }
          matched++;
        }
      }
      if (found.size() < chunk) {
        break;
      }
    }
    Map<Long, List<LandUser>> users = parcels.landUsers(kept.stream().map(Parcel::id).toList());
    return new Page(
        kept.stream().map(p -> parcel(p, users.getOrDefault(p.id(), List.of()))).toList(), matched);
  }

  private static boolean within(LocalDate date, LocalDate[] dates) {
    return (dates[0] == null || !date.isBefore(dates[0]))
        && (dates[1] == null || !date.isAfter(dates[1]));
  }

  private static Page slice(List<Item> all, int limit, long offset) {
    int from = (int) Math.min(offset, all.size());
    int to = (int) Math.min((long) from + limit, all.size());
    return new Page(all.subList(from, to), all.size());
  }

  /** A zone feature and the version of the row it was read from. */
  record VersionedItem(Item item, int version) {}

  /**
   * A zone feature with its version, both from one statement: the ETag computed from the feature
   * and the version handed to the conditional write always belong to the same state.
   */
  VersionedItem versionedZone(OgcCollection c, String id) {
    return zones
        .findVersionedZone(c.planId(), id)
        .filter(v -> zoneService.visibility().visible(c.planId(), id))
        .map(v -> new VersionedItem(zone(v.zone()), v.version()))
        .orElseThrow(() -> missing(c, id));
  }

  private static ApiProblem missing(OgcCollection c, String id) {
    return ApiProblem.notFound(
            "feature", "no feature \"" + id + "\" in collection \"" + c.id() + "\"")
        .with("collection", c.id())
        .with("featureId", id);
  }

  /** One feature, or a 404 problem. */
  Item item(OgcCollection c, String id) {
    ApiProblem missing = missing(c, id);
    switch (c.layer()) {
      case ZONES -> {
        return zones
            .findZone(c.planId(), id)
            .filter(z -> zoneService.visibility().visible(c.planId(), id))
            .map(OgcItems::zone)
            .orElseThrow(() -> missing);
      }
      case PARCELS -> {
        try {
          return parcels
              .find(Long.parseLong(id))
              .filter(
                  p -> {
                    var land = zoneService.visibility().landFilter(null);
                    return land == null || land.test(p.geometry());
                  })
              .map(p -> parcel(p, parcels.landUsers(p.id())))
              .orElseThrow(() -> missing);
        } catch (NumberFormatException e) {
          throw missing;
        }
      }
      default -> {
        return divisions
            .find(id)
            .filter(d -> d.geometry() != null)
            .map(OgcItems::division)
            .orElseThrow(() -> missing);
      }
    }
  }

  static Item zone(Zone z) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("planId", z.planId());
    p.put("code", z.code());
    p.put("name", z.name());
    p.put("kind", z.kind().name());
    p.put("parent", z.parentCode());
    p.put("managedBy", z.managedBy());
    area(p, AreaJson.of(z.area()));
    p.put("attributes", z.attributes());
    return new Item(z.code(), p, z.geometry());
  }

  /** A parcel with its land users (enterprise_land and enterprise), owners first. */
  private static Item parcel(Parcel parcel, List<LandUser> users) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", parcel.id());
    p.put("scheme", parcel.scheme().name());
    p.put("landUseCode", parcel.landUseCode());
    double m2 = parcel.areaM2();
    p.put("areaM2", m2);
    p.put("areaMu", m2 * 15 / 10_000);
    List<Map<String, Object>> list = new ArrayList<>();
    for (LandUser u : users) {
      Map<String, Object> user = new LinkedHashMap<>();
      user.put("creditCode", u.creditCode());
      user.put("name", u.name());
      user.put("role", u.role());
      user.put("share", u.share());
      list.add(user);
    }
    p.put("landUsers", list);
    return new Item(Long.toString(parcel.id()), p, parcel.geometry());
  }

  private static Item division(Division d) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("code", d.code());
    p.put("name", d.name());
    p.put("level", d.level());
    p.put("parent", d.parentCode());
    area(p, AreaJson.of(d.area()));
    p.put("repairNote", d.repairNote());
    return new Item(d.code(), p, d.geometry());
  }

  private static void area(Map<String, Object> p, AreaJson a) {
    p.put("areaM2", a.areaM2());
    p.put("areaKm2", a.areaKm2());
    p.put("areaHa", a.areaHa());
    p.put("areaMu", a.areaMu());
  }
}
