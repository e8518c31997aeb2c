package org.zoneplan.parcels;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.BboxParameter;
import org.zoneplan.system.PublicBaseUrl;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Land parcels as GeoJSON: pages by bounding box, one by id, create, delete. */
@RestController
@RequestMapping("/api/parcels")
class ParcelController {
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

  private final ParcelService service;

  private final GeometryLimits limits;
  private final PublicBaseUrl publicBaseUrl;

  ParcelController(ParcelService service, GeometryLimits limits, PublicBaseUrl publicBaseUrl) {
    this.publicBaseUrl = publicBaseUrl;
    this.limits = limits;
    this.service = service;
  }

  /**
   * A FeatureCollection of at most {@code limit} parcels by id, those intersecting {@code bbox}
   * when given, with {@code numberReturned} and, when more remain, a {@code next} link and {@code
   * nextOffset}.
   */
  @GetMapping
  ResponseEntity<ObjectNode> parcels(
      @RequestParam(required = false) String bbox,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String offset) {
    Envelope box = BboxParameter.parse(bbox);
    long pageSize = integer("limit", limit, ParcelService.DEFAULT_LIMIT);
    long skip = integer("offset", offset, 0);
    if (pageSize < 1) {
      throw badRequest("invalid-limit", "limit must be at least 1, was " + pageSize)
          .with("parameter", "limit");
    }
    if (pageSize > ParcelService.MAX_LIMIT) {
      throw badRequest(
              "limit-too-large",
              "limit must be at most " + ParcelService.MAX_LIMIT + ", was " + pageSize)
          .with("parameter", "limit")
          .with("maximum", ParcelService.MAX_LIMIT);
    }
    if (skip < 0) {
      throw badRequest("invalid-offset", "offset must not be negative, was " + skip)
          .with("parameter", "offset");
    }
    ParcelService.Page page = service.page(box, (int) pageSize, skip);

    ObjectNode collection = JsonNodeFactory.instance.objectNode();
    collection.put("type", "FeatureCollection");
    collection.put("numberReturned", page.parcels().size());
    ArrayNode links = collection.putArray("links");
    links
        .addObject()
        .put("rel", "self")
        .put("type", GEO_JSON.toString())
        .put("href", publicBaseUrl.currentRequest());
    if (page.more()) {
      long next = skip + page.parcels().size();
      collection.put("nextOffset", next);
      links
          .addObject()
          .put("rel", "next")
          .put("type", GEO_JSON.toString())
          .put(
              "href",
              UriComponentsBuilder.fromUriString(publicBaseUrl.currentRequest())
                  .replaceQueryParam("limit", pageSize)
                  .replaceQueryParam("offset", next)
                  .toUriString());
    }
    ArrayNode features = collection.putArray("features");
    Map<Long, List<LandUser>> users = service.landUsers(page.parcels());
    page.parcels()
        .forEach(
            p ->
                features.add(
                    ParcelFeatures.feature(
                        p, service.landUseName(p), users.getOrDefault(p.id(), List.of()))));
    return ResponseEntity.ok().contentType(GEO_JSON).body(collection);
  }

  @GetMapping("/{id}")
  ResponseEntity<ObjectNode> parcel(@PathVariable String id) {
    Parcel parcel = service.parcel(id(id));
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .body(
            ParcelFeatures.feature(
                parcel, service.landUseName(parcel), service.landUsers(parcel.id())));
  }

  @PostMapping
  ResponseEntity<ObjectNode> create(@RequestBody JsonNode body) {
    Parcel parcel = service.create(ParcelFeatures.draft(body, limits));
    return ResponseEntity.created(URI.create("/api/parcels/" + parcel.id()))
        .contentType(GEO_JSON)
        .body(ParcelFeatures.feature(parcel, service.landUseName(parcel), List.of()));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    service.delete(id(id));
    return ResponseEntity.noContent().build();
  }

  /** Ids are positive whole numbers; anything else names no parcel. */
  private static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ParcelService.notFound(text);
    }
  }

  private static long integer(String parameter, String text, long absent) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw badRequest(
              "invalid-" + parameter, parameter + " must be a whole number, was \"" + text + "\"")
          .with("parameter", parameter);
    }
  }

  private static ApiProblem badRequest(String slug, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, slug, "Invalid parameter", detail);
  }
}
